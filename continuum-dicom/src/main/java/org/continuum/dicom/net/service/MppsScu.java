package org.continuum.dicom.net.service;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Sequence;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;

/**
 * Builds the attribute lists a modality sends as Modality Performed Procedure Step SCU
 * (PS3.4 §F.7.2, Table F.7.2-1; IHE RAD-6/RAD-7): the N-CREATE of a step IN PROGRESS from
 * a worklist item, and the final N-SET. Send them with {@code Association.nCreate} and
 * {@code Association.nSet} on {@code Uid.MODALITY_PERFORMED_PROCEDURE_STEP}.
 */
public final class MppsScu {

	private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");

	private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

	private MppsScu() {
	}

	/**
	 * The N-CREATE attribute list of a step IN PROGRESS performing the scheduled step of
	 * {@code worklistItem} (a Modality Worklist match, PS3.4 §K.6): patient, Scheduled
	 * Step Attributes Sequence (Study Instance UID, accession, requested procedure,
	 * scheduled step), modality, station, start; the Type 2 attributes empty.
	 */
	public static Attributes inProgress(Attributes worklistItem, String performedStationAeTitle, String ppsId,
			LocalDateTime start) {
		Attributes sps = firstItem(worklistItem, Tag.ScheduledProcedureStepSequence);
		Attributes a = new Attributes();
		a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
		copy(worklistItem, a, VR.PN, Tag.PatientName);
		copy(worklistItem, a, VR.LO, Tag.PatientID);
		copy(worklistItem, a, VR.DA, Tag.PatientBirthDate);
		copy(worklistItem, a, VR.CS, Tag.PatientSex);
		a.newSequence(Tag.ReferencedPatientSequence);
		Attributes step = a.newSequence(Tag.ScheduledStepAttributesSequence).addItem();
		copy(worklistItem, step, VR.UI, Tag.StudyInstanceUID);
		copy(worklistItem, step, VR.SH, Tag.AccessionNumber);
		copy(worklistItem, step, VR.SH, Tag.RequestedProcedureID);
		copy(worklistItem, step, VR.LO, Tag.RequestedProcedureDescription);
		copy(sps, step, VR.SH, Tag.ScheduledProcedureStepID);
		copy(sps, step, VR.LO, Tag.ScheduledProcedureStepDescription);
		step.newSequence(Tag.ReferencedStudySequence);
		a.setString(Tag.PerformedProcedureStepID, VR.SH, ppsId);
		a.setString(Tag.PerformedStationAETitle, VR.AE, performedStationAeTitle);
		a.setString(Tag.PerformedStationName, VR.SH, "");
		a.setString(Tag.PerformedLocation, VR.SH, "");
		a.setString(Tag.PerformedProcedureStepStartDate, VR.DA, start.format(DA));
		a.setString(Tag.PerformedProcedureStepStartTime, VR.TM, start.format(TM));
		a.setString(Tag.PerformedProcedureStepStatus, VR.CS, PerformedProcedureStepStatus.IN_PROGRESS.value());
		a.setString(Tag.PerformedProcedureStepDescription, VR.LO,
				sps.getString(Tag.ScheduledProcedureStepDescription, ""));
		a.setString(Tag.PerformedProcedureTypeDescription, VR.LO, "");
		a.newSequence(Tag.ProcedureCodeSequence);
		a.setString(Tag.PerformedProcedureStepEndDate, VR.DA, "");
		a.setString(Tag.PerformedProcedureStepEndTime, VR.TM, "");
		a.setString(Tag.Modality, VR.CS, sps.getString(Tag.Modality, "OT"));
		a.setString(Tag.StudyID, VR.SH, "");
		a.newSequence(Tag.PerformedProtocolCodeSequence);
		a.newSequence(Tag.PerformedSeriesSequence);
		return a;
	}

	/**
	 * The final N-SET: COMPLETED or DISCONTINUED at {@code end}, with the Performed
	 * Series Sequence (items with Series Instance UID, Referenced Image Sequence, …).
	 */
	public static Attributes end(PerformedProcedureStepStatus status, LocalDateTime end,
			List<Attributes> performedSeries) {
		if (!status.isFinal()) {
			throw new IllegalArgumentException("a step ends COMPLETED or DISCONTINUED, not " + status.value());
		}
		Attributes a = new Attributes();
		a.setString(Tag.PerformedProcedureStepStatus, VR.CS, status.value());
		a.setString(Tag.PerformedProcedureStepEndDate, VR.DA, end.format(DA));
		a.setString(Tag.PerformedProcedureStepEndTime, VR.TM, end.format(TM));
		Sequence series = a.newSequence(Tag.PerformedSeriesSequence);
		for (Attributes item : performedSeries) {
			Attributes copy = series.addItem();
			copy.addAll(item);
		}
		return a;
	}

	private static Attributes firstItem(Attributes a, int sequenceTag) {
		Sequence s = a.getSequence(sequenceTag);
		return s == null || s.isEmpty() ? new Attributes() : s.get(0);
	}

	private static void copy(Attributes from, Attributes to, VR vr, int tag) {
		String value = from.getString(tag);
		to.setString(tag, vr, value == null ? "" : value);
	}

}
