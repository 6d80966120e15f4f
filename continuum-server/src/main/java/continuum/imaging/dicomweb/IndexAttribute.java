package continuum.imaging.dicomweb;

import java.util.Optional;

import org.continuum.dicom.data.ElementDictionary;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;

/**
 * The attributes the PACS index holds, each with its column and how QIDO-RS matches it
 * (PS3.18 §8.3.4, PS3.4 §C.2.2.2): single value with wildcards, UID list, date or time
 * range, number, a list of codes. {@code defaultReturn} marks the default return
 * attributes of PS3.18 Tables 10.6.3-3 (study), 10.6.3-4 (series) and 10.6.3-5
 * (instance).
 */
enum IndexAttribute {

	PATIENT_NAME(Tag.PatientName, VR.PN, QueryLevel.STUDY, "p.patient_name", Match.PERSON_NAME, true),
	PATIENT_ID(Tag.PatientID, VR.LO, QueryLevel.STUDY, "p.dicom_patient_id", Match.TEXT, true),
	ISSUER_OF_PATIENT_ID(Tag.IssuerOfPatientID, VR.LO, QueryLevel.STUDY, "p.issuer", Match.TEXT, false),
	PATIENT_BIRTH_DATE(Tag.PatientBirthDate, VR.DA, QueryLevel.STUDY, "p.birth_date", Match.DATE, true),
	PATIENT_SEX(Tag.PatientSex, VR.CS, QueryLevel.STUDY, "p.sex", Match.TEXT, true),
	STUDY_INSTANCE_UID(Tag.StudyInstanceUID, VR.UI, QueryLevel.STUDY, "s.study_instance_uid", Match.UID, true),
	STUDY_DATE(Tag.StudyDate, VR.DA, QueryLevel.STUDY, "s.study_date", Match.DATE, true),
	STUDY_TIME(Tag.StudyTime, VR.TM, QueryLevel.STUDY, "s.study_time", Match.TIME, true),
	ACCESSION_NUMBER(Tag.AccessionNumber, VR.SH, QueryLevel.STUDY, "s.accession_number", Match.TEXT, true),
	STUDY_ID(Tag.StudyID, VR.SH, QueryLevel.STUDY, "s.study_id", Match.TEXT, true),
	STUDY_DESCRIPTION(Tag.StudyDescription, VR.LO, QueryLevel.STUDY, "s.study_description", Match.TEXT, false),
	REFERRING_PHYSICIAN_NAME(Tag.ReferringPhysicianName, VR.PN, QueryLevel.STUDY, "s.referring_physician",
			Match.PERSON_NAME, true),
	MODALITIES_IN_STUDY(Tag.ModalitiesInStudy, VR.CS, QueryLevel.STUDY, "s.modalities", Match.CODES, true),
	SOP_CLASSES_IN_STUDY(Tag.SOPClassesInStudy, VR.UI, QueryLevel.STUDY, "s.sop_classes", Match.CODES, false),
	NUMBER_OF_STUDY_RELATED_SERIES(Tag.NumberOfStudyRelatedSeries, VR.IS, QueryLevel.STUDY, "s.series_count",
			Match.NONE, true),
	NUMBER_OF_STUDY_RELATED_INSTANCES(Tag.NumberOfStudyRelatedInstances, VR.IS, QueryLevel.STUDY, "s.instance_count",
			Match.NONE, true),
	MODALITY(Tag.Modality, VR.CS, QueryLevel.SERIES, "se.modality", Match.TEXT, true),
	SERIES_INSTANCE_UID(Tag.SeriesInstanceUID, VR.UI, QueryLevel.SERIES, "se.series_instance_uid", Match.UID, true),
	SERIES_NUMBER(Tag.SeriesNumber, VR.IS, QueryLevel.SERIES, "se.series_number", Match.NUMBER, true),
	SERIES_DESCRIPTION(Tag.SeriesDescription, VR.LO, QueryLevel.SERIES, "se.series_description", Match.TEXT, true),
	BODY_PART_EXAMINED(Tag.BodyPartExamined, VR.CS, QueryLevel.SERIES, "se.body_part", Match.TEXT, false),
	STATION_NAME(Tag.StationName, VR.SH, QueryLevel.SERIES, "se.station_name", Match.TEXT, false),
	PPS_START_DATE(Tag.PerformedProcedureStepStartDate, VR.DA, QueryLevel.SERIES, "se.pps_start_date", Match.DATE,
			true),
	PPS_START_TIME(Tag.PerformedProcedureStepStartTime, VR.TM, QueryLevel.SERIES, "se.pps_start_time", Match.TIME,
			true),
	NUMBER_OF_SERIES_RELATED_INSTANCES(Tag.NumberOfSeriesRelatedInstances, VR.IS, QueryLevel.SERIES,
			"se.instance_count", Match.NONE, true),
	SOP_CLASS_UID(Tag.SOPClassUID, VR.UI, QueryLevel.INSTANCE, "i.sop_class_uid", Match.UID, true),
	SOP_INSTANCE_UID(Tag.SOPInstanceUID, VR.UI, QueryLevel.INSTANCE, "i.sop_instance_uid", Match.UID, true),
	INSTANCE_NUMBER(Tag.InstanceNumber, VR.IS, QueryLevel.INSTANCE, "i.instance_number", Match.NUMBER, true),
	CONTENT_DATE(Tag.ContentDate, VR.DA, QueryLevel.INSTANCE, "i.content_date", Match.DATE, false),
	CONTENT_TIME(Tag.ContentTime, VR.TM, QueryLevel.INSTANCE, "i.content_time", Match.TIME, false),
	NUMBER_OF_FRAMES(Tag.NumberOfFrames, VR.IS, QueryLevel.INSTANCE, "i.number_of_frames", Match.NUMBER, true),
	ROWS(Tag.Rows, VR.US, QueryLevel.INSTANCE, "i.rows", Match.NUMBER, true),
	COLUMNS(Tag.Columns, VR.US, QueryLevel.INSTANCE, "i.columns", Match.NUMBER, true),
	BITS_ALLOCATED(Tag.BitsAllocated, VR.US, QueryLevel.INSTANCE, "i.bits_allocated", Match.NUMBER, true),
	AVAILABLE_TRANSFER_SYNTAX_UID(Tag.AvailableTransferSyntaxUID, VR.UI, QueryLevel.INSTANCE, "i.transfer_syntax_uid",
			Match.NONE, false);

	/** How a query value of the attribute is compared with its column. */
	enum Match {

		/** Single value, {@code *} and {@code ?} wildcards, case-sensitive. */
		TEXT,
		/**
		 * Single value with wildcards against the upper-case, accent-free column beside
		 * the name.
		 */
		PERSON_NAME,
		/** A list of UIDs, separated by commas or backslashes. */
		UID,
		/** A date or a range {@code a-b}, {@code -b}, {@code a-}. */
		DATE,
		/** A time or a range of times. */
		TIME,
		/** An integer. */
		NUMBER,
		/** A list of codes, any of which the row's list holds. */
		CODES,
		/** Returned, never matched. */
		NONE

	}

	private final int tag;

	private final VR vr;

	private final QueryLevel level;

	private final String column;

	private final Match match;

	private final boolean defaultReturn;

	IndexAttribute(int tag, VR vr, QueryLevel level, String column, Match match, boolean defaultReturn) {
		this.tag = tag;
		this.vr = vr;
		this.level = level;
		this.column = column;
		this.match = match;
		this.defaultReturn = defaultReturn;
	}

	int tag() {
		return tag;
	}

	VR vr() {
		return vr;
	}

	QueryLevel level() {
		return level;
	}

	String column() {
		return column;
	}

	/** The column a query value is compared with: the matching form for names. */
	String matchColumn() {
		return match == Match.PERSON_NAME ? column + "_match" : column;
	}

	Match match() {
		return match;
	}

	boolean defaultReturn() {
		return defaultReturn;
	}

	/** The SQL alias of the column in a result row. */
	String alias() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	static Optional<IndexAttribute> of(int tag) {
		for (IndexAttribute a : values()) {
			if (a.tag == tag) {
				return Optional.of(a);
			}
		}
		return Optional.empty();
	}

	/**
	 * The tag a query parameter names: a keyword of the data dictionary or eight hex
	 * digits (PS3.18 §8.3.4.1); empty if it names neither.
	 */
	static Optional<Integer> tagOf(String keywordOrTag) {
		if (keywordOrTag.matches("[0-9A-Fa-f]{8}")) {
			return Optional.of(Integer.parseUnsignedInt(keywordOrTag, 16));
		}
		return ElementDictionary.standard().tagOf(keywordOrTag);
	}

}
