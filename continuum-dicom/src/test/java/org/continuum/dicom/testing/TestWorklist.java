package org.continuum.dicom.testing;

import java.util.ArrayList;
import java.util.List;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Sequence;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.net.service.FindHandler;
import org.continuum.dicom.net.service.KeyMatcher;

/**
 * A two-item Modality Worklist (PS3.4 Annex K) for tests: one CT and one MR scheduled
 * step.
 */
public final class TestWorklist {

	private TestWorklist() {
	}

	public static Attributes worklistItem(String name, String modality, String date) {
		Attributes item = new Attributes();
		item.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
		item.setString(Tag.PatientName, VR.PN, name);
		item.setString(Tag.PatientID, VR.LO, "MRN-" + modality);
		item.setString(Tag.AccessionNumber, VR.SH, "ACC-" + modality);
		Attributes step = item.newSequence(Tag.ScheduledProcedureStepSequence).addItem();
		step.setString(Tag.Modality, VR.CS, modality);
		step.setString(Tag.ScheduledStationAETitle, VR.AE, modality + "01");
		step.setString(Tag.ScheduledProcedureStepStartDate, VR.DA, date);
		return item;
	}

	/**
	 * Matches the top-level keys, then Modality and date inside the scheduled step (PS3.4
	 * §C.2.2.2.6).
	 */
	public static final FindHandler HANDLER = request -> {
		Attributes keys = request.identifier();
		Sequence stepKeys = keys.getSequence(Tag.ScheduledProcedureStepSequence);
		List<Attributes> matches = new ArrayList<>();
		for (Attributes item : List.of(worklistItem("Lemaire^Chloé", "CT", "20240301"),
				worklistItem("Wouters^Bram", "MR", "20240302"))) {
			Attributes step = item.getSequence(Tag.ScheduledProcedureStepSequence).get(0);
			boolean stepMatches = stepKeys == null || stepKeys.isEmpty() || KeyMatcher.matches(stepKeys.get(0), step);
			if (stepMatches && KeyMatcher.matches(keys, item)) {
				matches.add(KeyMatcher.project(keys, item));
			}
		}
		return matches.iterator();
	};

}
