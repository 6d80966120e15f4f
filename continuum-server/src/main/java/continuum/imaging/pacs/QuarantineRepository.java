package continuum.imaging.pacs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Quarantined studies (V461) and their resolution. */
@Repository
class QuarantineRepository {

	private final JdbcClient jdbc;

	QuarantineRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Quarantines the study unless it already has an open quarantine entry. */
	void open(long studyId, String studyInstanceUid, QuarantineReason reason, String details, Instant now) {
		jdbc.sql("""
				insert into pacs_quarantine (study_id, study_instance_uid, reason, details, quarantined_at)
				values (:study, :uid, :reason, :details, :now)
				on conflict (study_id) do update set reason = excluded.reason, details = excluded.details,
				       quarantined_at = excluded.quarantined_at, resolution = null, resolved_by = null,
				       resolved_at = null, resolution_note = null
				where pacs_quarantine.resolution is not null""")
			.param("study", studyId)
			.param("uid", studyInstanceUid)
			.param("reason", reason.name())
			.param("details", details)
			.param("now", Timestamp.from(now))
			.update();
	}

	List<QuarantinedStudy> open() {
		return jdbc.sql(SELECT + " where q.resolution is null order by q.quarantined_at, q.id")
			.query(QuarantineRepository::map)
			.list();
	}

	Optional<QuarantinedStudy> openEntry(long id) {
		return jdbc.sql(SELECT + " where q.resolution is null and q.id = :id for update of q")
			.param("id", id)
			.query(QuarantineRepository::map)
			.optional();
	}

	void resolve(long id, QuarantineResolution resolution, String by, String note, Instant now) {
		jdbc.sql("""
				update pacs_quarantine set resolution = :resolution, resolved_by = :by, resolved_at = :now,
				       resolution_note = :note
				where id = :id""")
			.param("id", id)
			.param("resolution", resolution.name())
			.param("by", by)
			.param("note", note)
			.param("now", Timestamp.from(now))
			.update();
	}

	private static final String SELECT = """
			select q.id, q.study_id, q.study_instance_uid, q.reason, q.details, q.quarantined_at,
			       st.accession_number, p.dicom_patient_id, st.instance_count, st.modalities, st.study_date,
			       st.requested_procedure_id
			from pacs_quarantine q
			join pacs_study st on st.id = q.study_id
			join pacs_patient p on p.id = st.pacs_patient_id""";

	private static QuarantinedStudy map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		java.sql.Array modalities = rs.getArray(10);
		java.sql.Date date = rs.getDate(11);
		return new QuarantinedStudy(rs.getLong(1), rs.getLong(2), rs.getString(3),
				QuarantineReason.valueOf(rs.getString(4)), rs.getString(5), rs.getTimestamp(6).toInstant(),
				rs.getString(7), rs.getString(8), rs.getInt(9),
				modalities == null ? List.of() : List.of((String[]) modalities.getArray()),
				date == null ? null : date.toLocalDate(), nullableLong(rs.getObject(12)));
	}

	private static @Nullable Long nullableLong(@Nullable Object value) {
		return value == null ? null : ((Number) value).longValue();
	}

}
