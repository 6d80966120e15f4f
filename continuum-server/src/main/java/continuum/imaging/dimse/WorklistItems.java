package continuum.imaging.dimse;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import continuum.imaging.WorklistEntry;
import continuum.patients.Gender;
import continuum.patients.PatientSummary;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.DataElement;
import org.continuum.dicom.data.DateRange;
import org.continuum.dicom.data.Sequence;
import org.continuum.dicom.data.SpecificCharacterSet;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.net.service.KeyMatcher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A worklist entry as a Modality Worklist item (PS3.4 Table K.6-1; the attributes IHE
 * SWF.b requires of the Order Filler, RAD TF-2 Table 4.5-3/4), and the projection of an
 * item onto the return keys a query asked for.
 */
@Component
class WorklistItems {

	/** The hospital's zone: worklist dates and times are local to it. */
	static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	/**
	 * Referenced SOP Class UID of the Referenced Study Sequence: the (retired) Detached
	 * Study Management SOP Class, which IHE SWF keeps using for this reference.
	 */
	static final String DETACHED_STUDY_MANAGEMENT = "1.2.840.10008.3.1.2.3.1";

	private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

	private final String issuer;

	WorklistItems(@Value("${continuum.imaging.patient-id-issuer:CONTINUUM}") String issuer) {
		this.issuer = issuer;
	}

	Attributes of(WorklistEntry entry) {
		Attributes item = new Attributes();
		item.setString(Tag.SpecificCharacterSet, VR.CS, SpecificCharacterSet.ISO_IR_192.term());
		PatientSummary patient = entry.patient();
		item.setString(Tag.PatientName, VR.PN, patient.family() + "^" + patient.given().replace(' ', '^'));
		item.setString(Tag.PatientID, VR.LO, patient.mrn());
		item.setString(Tag.IssuerOfPatientID, VR.LO, issuer);
		item.setString(Tag.PatientBirthDate, VR.DA,
				patient.birthDate() == null ? "" : DateRange.format(patient.birthDate()));
		item.setString(Tag.PatientSex, VR.CS, sex(patient.gender()));
		item.setString(Tag.AccessionNumber, VR.SH, entry.accessionNumber());
		item.setString(Tag.ReferringPhysicianName, VR.PN, entry.orderedBy());
		item.setString(Tag.RequestingPhysician, VR.PN, entry.orderedBy());
		item.setString(Tag.AdmissionID, VR.LO, "");
		item.setString(Tag.RequestedProcedureID, VR.SH, entry.requestedProcedureId());
		item.setString(Tag.RequestedProcedureDescription, VR.LO, entry.procedure().display());
		code(item.newSequence(Tag.RequestedProcedureCodeSequence).addItem(), entry);
		item.setString(Tag.RequestedProcedurePriority, VR.SH, entry.priority().dicomTerm());
		item.setString(Tag.ReasonForTheRequestedProcedure, VR.LO, entry.reason() == null ? "" : entry.reason());
		item.setString(Tag.PlacerOrderNumberImagingServiceRequest, VR.LO, entry.placerNumber());
		item.setString(Tag.StudyInstanceUID, VR.UI, entry.studyInstanceUid());
		Attributes study = item.newSequence(Tag.ReferencedStudySequence).addItem();
		study.setString(Tag.ReferencedSOPClassUID, VR.UI, DETACHED_STUDY_MANAGEMENT);
		study.setString(Tag.ReferencedSOPInstanceUID, VR.UI, entry.studyInstanceUid());
		Attributes sps = item.newSequence(Tag.ScheduledProcedureStepSequence).addItem();
		ZonedDateTime start = entry.step().start().atZone(ZONE);
		sps.setString(Tag.Modality, VR.CS, entry.step().modality());
		sps.setString(Tag.ScheduledStationAETitle, VR.AE,
				entry.step().stationAeTitle() == null ? "" : entry.step().stationAeTitle());
		sps.setString(Tag.ScheduledStationName, VR.SH,
				entry.step().stationName() == null ? "" : entry.step().stationName());
		sps.setString(Tag.ScheduledProcedureStepStartDate, VR.DA, DateRange.format(start.toLocalDate()));
		sps.setString(Tag.ScheduledProcedureStepStartTime, VR.TM, TM.format(start));
		sps.setString(Tag.ScheduledProcedureStepID, VR.SH, entry.step().stepId());
		sps.setString(Tag.ScheduledProcedureStepDescription, VR.LO, entry.procedure().display());
		code(sps.newSequence(Tag.ScheduledProtocolCodeSequence).addItem(), entry);
		sps.setString(Tag.ScheduledPerformingPhysicianName, VR.PN,
				entry.step().performingPhysician() == null ? "" : entry.step().performingPhysician());
		sps.setString(Tag.ScheduledProcedureStepStatus, VR.CS, entry.step().status().dicomTerm());
		return item;
	}

	private static void code(Attributes code, WorklistEntry entry) {
		code.setString(Tag.CodeValue, VR.SH, entry.procedure().code());
		code.setString(Tag.CodingSchemeDesignator, VR.SH, entry.procedure().codingScheme());
		code.setString(Tag.CodeMeaning, VR.LO, entry.procedure().display());
	}

	private static String sex(Gender gender) {
		return switch (gender) {
			case MALE -> "M";
			case FEMALE -> "F";
			case OTHER -> "O";
			default -> "";
		};
	}

	/**
	 * The response identifier (PS3.4 §C.4.1.1.3.2, §K.6.1.2.2): each key asked for with
	 * the item's value; a sequence key with an item returns, per item of the candidate,
	 * the sub-keys asked for; an empty sequence key the whole sequence.
	 */
	static Attributes project(Attributes keys, Attributes item) {
		Attributes flat = new Attributes();
		Attributes out = KeyMatcher.project(flatKeys(keys, flat), item);
		for (DataElement key : keys) {
			if (!key.isSequence()) {
				continue;
			}
			Sequence asked = key.sequence();
			Sequence have = item.getSequence(key.tag());
			if (have == null) {
				out.newSequence(key.tag());
			}
			else if (asked == null || asked.isEmpty() || asked.get(0).isEmpty()) {
				out.set(item.get(key.tag()));
			}
			else {
				Sequence projected = out.newSequence(key.tag());
				for (Attributes candidate : have) {
					projected.add(project(asked.get(0), candidate));
				}
			}
		}
		return out;
	}

	private static Attributes flatKeys(Attributes keys, Attributes flat) {
		for (DataElement key : keys) {
			if (!key.isSequence()) {
				flat.set(key);
			}
		}
		return flat;
	}

}
