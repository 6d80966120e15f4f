package continuum.imaging.pacs;

import java.util.Optional;

import org.continuum.dicom.data.Tag;
import org.jspecify.annotations.Nullable;

/**
 * The Query/Retrieve Levels (0008,0052) of the Patient Root and Study Root information
 * models (PS3.4 §C.6.1, §C.6.2) with each level's unique key, and the index rows that
 * answer them. QIDO-RS searches the STUDY, SERIES and IMAGE (its "instance") levels.
 */
public enum QueryLevel {

	PATIENT(Tag.PatientID, """
			from pacs_patient p
			where exists (select 1 from pacs_study st where st.pacs_patient_id = p.id and st.status = 'RECONCILED')"""),

	STUDY(Tag.StudyInstanceUID, """
			from pacs_study st join pacs_patient p on p.id = st.pacs_patient_id
			where st.status = 'RECONCILED'"""),

	SERIES(Tag.SeriesInstanceUID,
			"""
					from pacs_series se join pacs_study st on st.id = se.study_id join pacs_patient p on p.id = st.pacs_patient_id
					where st.status = 'RECONCILED'"""),

	IMAGE(Tag.SOPInstanceUID, """
			from pacs_instance i join pacs_series se on se.id = i.series_id join pacs_study st on st.id = se.study_id
			join pacs_patient p on p.id = st.pacs_patient_id
			where st.status = 'RECONCILED'""");

	private final int uniqueKey;

	private final String from;

	QueryLevel(int uniqueKey, String from) {
		this.uniqueKey = uniqueKey;
		this.from = from;
	}

	int uniqueKey() {
		return uniqueKey;
	}

	/** The rows of this level that may be served: only those of reconciled studies. */
	String from() {
		return from;
	}

	/** The patient a row belongs to, for the audit entry. */
	String patientColumn() {
		return this == PATIENT ? "p.patient_id" : "st.patient_id";
	}

	static Optional<QueryLevel> of(@Nullable String value) {
		if (value == null) {
			return Optional.empty();
		}
		for (QueryLevel level : values()) {
			if (level.name().equals(value.strip())) {
				return Optional.of(level);
			}
		}
		return Optional.empty();
	}

}
