package continuum.imaging.pacs;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.continuum.dicom.data.ElementDictionary;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.jspecify.annotations.Nullable;

/**
 * The attributes the PACS index holds, for C-FIND (PS3.4 §C.6.1.1.2–5, §C.6.2.1.2–4) and
 * QIDO-RS (PS3.18 §10.6.1) alike: each key's level, VR, how a value of it is matched
 * ({@link IndexQuery}) and the index column it is returned from. Keys of a level are
 * answered at that level and below; in the Study Root model (and in QIDO-RS) the
 * patient's keys are study keys.
 */
public enum QueryKey {

	PATIENT_NAME(Tag.PatientName, QueryLevel.PATIENT, VR.PN, Match.PERSON_NAME, "p.patient_name"),
	PATIENT_ID(Tag.PatientID, QueryLevel.PATIENT, VR.LO, Match.TEXT, "p.dicom_patient_id"),
	ISSUER_OF_PATIENT_ID(Tag.IssuerOfPatientID, QueryLevel.PATIENT, VR.LO, Match.TEXT, "p.issuer"),
	PATIENT_BIRTH_DATE(Tag.PatientBirthDate, QueryLevel.PATIENT, VR.DA, Match.DATE, "p.birth_date"),
	PATIENT_SEX(Tag.PatientSex, QueryLevel.PATIENT, VR.CS, Match.TEXT, "p.sex"),
	NUMBER_OF_PATIENT_RELATED_STUDIES(Tag.NumberOfPatientRelatedStudies, QueryLevel.PATIENT, VR.IS, Match.NONE,
			"(select count(*) from pacs_study x where x.pacs_patient_id = p.id and x.status = 'RECONCILED')"),

	STUDY_INSTANCE_UID(Tag.StudyInstanceUID, QueryLevel.STUDY, VR.UI, Match.UID, "st.study_instance_uid"),
	STUDY_DATE(Tag.StudyDate, QueryLevel.STUDY, VR.DA, Match.DATE, "st.study_date"),
	STUDY_TIME(Tag.StudyTime, QueryLevel.STUDY, VR.TM, Match.TIME, "st.study_time"),
	ACCESSION_NUMBER(Tag.AccessionNumber, QueryLevel.STUDY, VR.SH, Match.TEXT, "st.accession_number"),
	STUDY_ID(Tag.StudyID, QueryLevel.STUDY, VR.SH, Match.TEXT, "st.study_id"),
	STUDY_DESCRIPTION(Tag.StudyDescription, QueryLevel.STUDY, VR.LO, Match.TEXT, "st.study_description"),
	REFERRING_PHYSICIAN_NAME(Tag.ReferringPhysicianName, QueryLevel.STUDY, VR.PN, Match.PERSON_NAME,
			"st.referring_physician"),
	MODALITIES_IN_STUDY(Tag.ModalitiesInStudy, QueryLevel.STUDY, VR.CS, Match.ANY_OF, "st.modalities"),
	SOP_CLASSES_IN_STUDY(Tag.SOPClassesInStudy, QueryLevel.STUDY, VR.UI, Match.ANY_OF, "st.sop_classes"),
	NUMBER_OF_STUDY_RELATED_SERIES(Tag.NumberOfStudyRelatedSeries, QueryLevel.STUDY, VR.IS, Match.NONE,
			"st.series_count"),
	NUMBER_OF_STUDY_RELATED_INSTANCES(Tag.NumberOfStudyRelatedInstances, QueryLevel.STUDY, VR.IS, Match.NONE,
			"st.instance_count"),

	SERIES_INSTANCE_UID(Tag.SeriesInstanceUID, QueryLevel.SERIES, VR.UI, Match.UID, "se.series_instance_uid"),
	MODALITY(Tag.Modality, QueryLevel.SERIES, VR.CS, Match.TEXT, "se.modality"),
	SERIES_NUMBER(Tag.SeriesNumber, QueryLevel.SERIES, VR.IS, Match.NUMBER, "se.series_number"),
	SERIES_DESCRIPTION(Tag.SeriesDescription, QueryLevel.SERIES, VR.LO, Match.TEXT, "se.series_description"),
	BODY_PART_EXAMINED(Tag.BodyPartExamined, QueryLevel.SERIES, VR.CS, Match.TEXT, "se.body_part"),
	STATION_NAME(Tag.StationName, QueryLevel.SERIES, VR.SH, Match.TEXT, "se.station_name"),
	PPS_START_DATE(Tag.PerformedProcedureStepStartDate, QueryLevel.SERIES, VR.DA, Match.DATE, "se.pps_start_date"),
	PPS_START_TIME(Tag.PerformedProcedureStepStartTime, QueryLevel.SERIES, VR.TM, Match.TIME, "se.pps_start_time"),
	NUMBER_OF_SERIES_RELATED_INSTANCES(Tag.NumberOfSeriesRelatedInstances, QueryLevel.SERIES, VR.IS, Match.NONE,
			"se.instance_count"),

	SOP_INSTANCE_UID(Tag.SOPInstanceUID, QueryLevel.IMAGE, VR.UI, Match.UID, "i.sop_instance_uid"),
	SOP_CLASS_UID(Tag.SOPClassUID, QueryLevel.IMAGE, VR.UI, Match.UID, "i.sop_class_uid"),
	INSTANCE_NUMBER(Tag.InstanceNumber, QueryLevel.IMAGE, VR.IS, Match.NUMBER, "i.instance_number"),
	CONTENT_DATE(Tag.ContentDate, QueryLevel.IMAGE, VR.DA, Match.DATE, "i.content_date"),
	CONTENT_TIME(Tag.ContentTime, QueryLevel.IMAGE, VR.TM, Match.TIME, "i.content_time"),
	NUMBER_OF_FRAMES(Tag.NumberOfFrames, QueryLevel.IMAGE, VR.IS, Match.NUMBER, "i.number_of_frames"),
	ROWS(Tag.Rows, QueryLevel.IMAGE, VR.US, Match.NUMBER, "i.rows"),
	COLUMNS(Tag.Columns, QueryLevel.IMAGE, VR.US, Match.NUMBER, "i.columns"),
	BITS_ALLOCATED(Tag.BitsAllocated, QueryLevel.IMAGE, VR.US, Match.NUMBER, "i.bits_allocated"),
	AVAILABLE_TRANSFER_SYNTAX_UID(Tag.AvailableTransferSyntaxUID, QueryLevel.IMAGE, VR.UI, Match.NONE,
			"i.transfer_syntax_uid");

	/** How a value of a key is matched (PS3.4 §C.2.2.2). */
	public enum Match {

		/** Single value or wildcard, case-sensitive. */
		TEXT,
		/** Single value or wildcard on the matching form: case and accents ignored. */
		PERSON_NAME,
		/** Single UID or list of UIDs. */
		UID,
		/** Single date or range. */
		DATE,
		/** Single time or range; a time covers the precision it is given to. */
		TIME,
		/** Single integer. */
		NUMBER,
		/** Any of the listed values is among the row's. */
		ANY_OF,
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

	private final String column;

	QueryKey(int tag, QueryLevel level, VR vr, Match match, String column) {
		this.tag = tag;
		this.level = level;
		this.vr = vr;
		this.match = match;
		this.column = column;
	}

	/** The key of this attribute, if the index holds it. */
	public static Optional<QueryKey> of(int tag) {
		return Optional.ofNullable(BY_TAG.get(tag));
	}

	public int tag() {
		return tag;
	}

	public VR vr() {
		return vr;
	}

	/** The level the attribute belongs to. */
	public QueryLevel level() {
		return level;
	}

	public Match match() {
		return match;
	}

	/** The attribute's keyword in the data dictionary, for messages. */
	public String keyword() {
		return ElementDictionary.standard().keywordOf(tag).orElse(name());
	}

	/**
	 * Whether the key is answered at {@code queried}: keys of that level and of the
	 * levels above it.
	 */
	public boolean answeredAt(QueryLevel queried) {
		return level.ordinal() <= queried.ordinal();
	}

	/** The column (or expression) the value is returned from. */
	String column() {
		return column;
	}

	/** The column a value is compared with: the matching form for person names. */
	String matchColumn() {
		return match == Match.PERSON_NAME ? column + "_match" : column;
	}

	/** The column's name in a result row. */
	String alias() {
		return "k_" + name().toLowerCase(Locale.ROOT);
	}

	static @Nullable QueryKey uniqueKeyOf(QueryLevel level) {
		return BY_TAG.get(level.uniqueKey());
	}

}
