package continuum.imaging.pacs;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.jspecify.annotations.Nullable;

/**
 * The query keys the index answers (PS3.4 §C.6.1.1.2–5, §C.6.2.1.2–4): each key's level,
 * VR, the column it matches on and the column (or expression) it is returned from. Keys
 * of a level are answered at that level and below; in the Study Root model the patient's
 * keys are study keys. Counts and the study's modalities and SOP classes are returned;
 * modalities also match.
 */
enum QueryKey {

	PATIENT_NAME(Tag.PatientName, QueryLevel.PATIENT, VR.PN, Match.PERSON_NAME, "p.patient_name_match",
			"p.patient_name"),
	PATIENT_ID(Tag.PatientID, QueryLevel.PATIENT, VR.LO, Match.TEXT, "p.dicom_patient_id", "p.dicom_patient_id"),
	ISSUER_OF_PATIENT_ID(Tag.IssuerOfPatientID, QueryLevel.PATIENT, VR.LO, Match.TEXT, "p.issuer", "p.issuer"),
	PATIENT_BIRTH_DATE(Tag.PatientBirthDate, QueryLevel.PATIENT, VR.DA, Match.DATE, "p.birth_date", "p.birth_date"),
	PATIENT_SEX(Tag.PatientSex, QueryLevel.PATIENT, VR.CS, Match.TEXT, "p.sex", "p.sex"),
	NUMBER_OF_PATIENT_RELATED_STUDIES(Tag.NumberOfPatientRelatedStudies, QueryLevel.PATIENT, VR.IS, Match.NONE, "",
			"(select count(*) from pacs_study x where x.pacs_patient_id = p.id and x.status = 'RECONCILED')"),

	STUDY_INSTANCE_UID(Tag.StudyInstanceUID, QueryLevel.STUDY, VR.UI, Match.UID, "st.study_instance_uid",
			"st.study_instance_uid"),
	STUDY_DATE(Tag.StudyDate, QueryLevel.STUDY, VR.DA, Match.DATE, "st.study_date", "st.study_date"),
	STUDY_TIME(Tag.StudyTime, QueryLevel.STUDY, VR.TM, Match.TIME, "st.study_time", "st.study_time"),
	ACCESSION_NUMBER(Tag.AccessionNumber, QueryLevel.STUDY, VR.SH, Match.TEXT, "st.accession_number",
			"st.accession_number"),
	STUDY_ID(Tag.StudyID, QueryLevel.STUDY, VR.SH, Match.TEXT, "st.study_id", "st.study_id"),
	STUDY_DESCRIPTION(Tag.StudyDescription, QueryLevel.STUDY, VR.LO, Match.TEXT, "st.study_description",
			"st.study_description"),
	REFERRING_PHYSICIAN_NAME(Tag.ReferringPhysicianName, QueryLevel.STUDY, VR.PN, Match.PERSON_NAME,
			"st.referring_physician_match", "st.referring_physician"),
	MODALITIES_IN_STUDY(Tag.ModalitiesInStudy, QueryLevel.STUDY, VR.CS, Match.ARRAY, "st.modalities",
			"array_to_string(st.modalities, '\\')"),
	SOP_CLASSES_IN_STUDY(Tag.SOPClassesInStudy, QueryLevel.STUDY, VR.UI, Match.ARRAY, "st.sop_classes",
			"array_to_string(st.sop_classes, '\\')"),
	NUMBER_OF_STUDY_RELATED_SERIES(Tag.NumberOfStudyRelatedSeries, QueryLevel.STUDY, VR.IS, Match.NONE, "",
			"st.series_count"),
	NUMBER_OF_STUDY_RELATED_INSTANCES(Tag.NumberOfStudyRelatedInstances, QueryLevel.STUDY, VR.IS, Match.NONE, "",
			"st.instance_count"),

	SERIES_INSTANCE_UID(Tag.SeriesInstanceUID, QueryLevel.SERIES, VR.UI, Match.UID, "se.series_instance_uid",
			"se.series_instance_uid"),
	MODALITY(Tag.Modality, QueryLevel.SERIES, VR.CS, Match.TEXT, "se.modality", "se.modality"),
	SERIES_NUMBER(Tag.SeriesNumber, QueryLevel.SERIES, VR.IS, Match.INTEGER, "se.series_number", "se.series_number"),
	SERIES_DESCRIPTION(Tag.SeriesDescription, QueryLevel.SERIES, VR.LO, Match.TEXT, "se.series_description",
			"se.series_description"),
	BODY_PART_EXAMINED(Tag.BodyPartExamined, QueryLevel.SERIES, VR.CS, Match.TEXT, "se.body_part", "se.body_part"),
	STATION_NAME(Tag.StationName, QueryLevel.SERIES, VR.SH, Match.TEXT, "se.station_name", "se.station_name"),
	PPS_START_DATE(Tag.PerformedProcedureStepStartDate, QueryLevel.SERIES, VR.DA, Match.DATE, "se.pps_start_date",
			"se.pps_start_date"),
	PPS_START_TIME(Tag.PerformedProcedureStepStartTime, QueryLevel.SERIES, VR.TM, Match.TIME, "se.pps_start_time",
			"se.pps_start_time"),
	NUMBER_OF_SERIES_RELATED_INSTANCES(Tag.NumberOfSeriesRelatedInstances, QueryLevel.SERIES, VR.IS, Match.NONE, "",
			"se.instance_count"),

	SOP_INSTANCE_UID(Tag.SOPInstanceUID, QueryLevel.IMAGE, VR.UI, Match.UID, "i.sop_instance_uid",
			"i.sop_instance_uid"),
	SOP_CLASS_UID(Tag.SOPClassUID, QueryLevel.IMAGE, VR.UI, Match.UID, "i.sop_class_uid", "i.sop_class_uid"),
	INSTANCE_NUMBER(Tag.InstanceNumber, QueryLevel.IMAGE, VR.IS, Match.INTEGER, "i.instance_number",
			"i.instance_number"),
	CONTENT_DATE(Tag.ContentDate, QueryLevel.IMAGE, VR.DA, Match.DATE, "i.content_date", "i.content_date"),
	CONTENT_TIME(Tag.ContentTime, QueryLevel.IMAGE, VR.TM, Match.TIME, "i.content_time", "i.content_time"),
	NUMBER_OF_FRAMES(Tag.NumberOfFrames, QueryLevel.IMAGE, VR.IS, Match.INTEGER, "i.number_of_frames",
			"i.number_of_frames"),
	ROWS(Tag.Rows, QueryLevel.IMAGE, VR.US, Match.INTEGER, "i.rows", "i.rows"),
	COLUMNS(Tag.Columns, QueryLevel.IMAGE, VR.US, Match.INTEGER, "i.columns", "i.columns"),
	BITS_ALLOCATED(Tag.BitsAllocated, QueryLevel.IMAGE, VR.US, Match.INTEGER, "i.bits_allocated", "i.bits_allocated");

	/** How a key's value is matched (PS3.4 §C.2.2.2). */
	enum Match {

		/** Single value or wildcard, case-sensitive. */
		TEXT,
		/** Single value or wildcard on the matching form: case and accents ignored. */
		PERSON_NAME,
		/** Single value or list of UIDs. */
		UID,
		/** Single date or range. */
		DATE,
		/** Single time or range. */
		TIME,
		/** Single value. */
		INTEGER,
		/** Any of the listed values is among the row's. */
		ARRAY,
		/** Returned only. */
		NONE

	}

	private static final Map<Integer, QueryKey> BY_TAG = new HashMap<>();

	static {
		for (QueryKey key : values()) {
			BY_TAG.put(key.tag, key);
		}
	}

	private final int tag;

	private final QueryLevel level;

	private final VR vr;

	private final Match match;

	private final String matchColumn;

	private final String valueColumn;

	QueryKey(int tag, QueryLevel level, VR vr, Match match, String matchColumn, String valueColumn) {
		this.tag = tag;
		this.level = level;
		this.vr = vr;
		this.match = match;
		this.matchColumn = matchColumn;
		this.valueColumn = valueColumn;
	}

	static Optional<QueryKey> of(int tag) {
		return Optional.ofNullable(BY_TAG.get(tag));
	}

	int tag() {
		return tag;
	}

	VR vr() {
		return vr;
	}

	Match match() {
		return match;
	}

	String matchColumn() {
		return matchColumn;
	}

	String valueColumn() {
		return valueColumn;
	}

	/**
	 * Whether the key is answered at {@code level} of {@code model}: keys of that level
	 * and of the levels above it (in the Study Root model, the patient's keys are the
	 * study's).
	 */
	boolean answeredAt(QueryLevel queried) {
		return level.ordinal() <= queried.ordinal();
	}

	static @Nullable QueryKey uniqueKeyOf(QueryLevel level) {
		return BY_TAG.get(level.uniqueKey());
	}

}
