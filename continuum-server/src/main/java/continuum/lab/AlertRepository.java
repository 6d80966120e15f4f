package continuum.lab;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Critical-value alerts. */
@Repository
class AlertRepository {

	/** Which alerts a user sees: addressed to them, to any ward, or escalated. */
	record Audience(@Nullable String physician, boolean wards, boolean escalated) {
	}

	private final JdbcClient jdbc;

	AlertRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Raises an alert unless one is already open for the result; answers its id if
	 * raised.
	 */
	Optional<AlertId> insert(ResultId result, PatientId patient, String physician, @Nullable String ward, Instant now,
			Instant escalateAt) {
		return jdbc.sql("""
				insert into lab_critical_alert (result_id, patient_id, physician, ward_code, raised_at, escalate_at)
				values (:result, :patient, :physician, :ward, :now, :escalateAt)
				on conflict (result_id) where acknowledged_at is null do nothing
				returning id""")
			.param("result", result.value())
			.param("patient", patient.value())
			.param("physician", physician)
			.param("ward", ward)
			.param("now", Timestamp.from(now))
			.param("escalateAt", Timestamp.from(escalateAt))
			.query(Long.class)
			.optional()
			.map(AlertId::new);
	}

	Optional<CriticalAlert> find(AlertId id, boolean lock) {
		return jdbc.sql("select * from lab_critical_alert where id = :id" + (lock ? " for update" : ""))
			.param("id", id.value())
			.query((rs, n) -> alert(rs))
			.optional();
	}

	void acknowledge(AlertId id, String by, @Nullable String note, Instant now) {
		jdbc.sql("""
				update lab_critical_alert set acknowledged_by = :by, acknowledged_at = :now, acknowledgement = :note
				where id = :id and acknowledged_at is null""")
			.param("by", by)
			.param("note", note)
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
	}

	private static final String AUDIENCE = """
			acknowledged_at is null and ((:physician::text is not null and physician = :physician)
			  or (:wards and ward_code is not null) or (:escalated and escalation_level > 0))""";

	List<CriticalAlert> open(Audience audience, int limit) {
		return jdbc
			.sql("select * from lab_critical_alert where " + AUDIENCE
					+ " order by escalation_level desc, raised_at limit :limit")
			.param("physician", audience.physician())
			.param("wards", audience.wards())
			.param("escalated", audience.escalated())
			.param("limit", limit)
			.query((rs, n) -> alert(rs))
			.list();
	}

	int countOpen(Audience audience) {
		return jdbc.sql("select count(*) from lab_critical_alert where " + AUDIENCE)
			.param("physician", audience.physician())
			.param("wards", audience.wards())
			.param("escalated", audience.escalated())
			.query(Integer.class)
			.single();
	}

	List<CriticalAlert> ofPatient(PatientId patient, int limit) {
		return jdbc
			.sql("select * from lab_critical_alert where patient_id = :patient order by raised_at desc limit :limit")
			.param("patient", patient.value())
			.param("limit", limit)
			.query((rs, n) -> alert(rs))
			.list();
	}

	/** Escalates the open alerts due at {@code now}; answers them as they are after. */
	List<CriticalAlert> escalateDue(Instant now, Instant next, int limit) {
		return jdbc.sql("""
				update lab_critical_alert set escalation_level = escalation_level + 1, escalated_at = :now,
				       escalate_at = :next
				where id in (select id from lab_critical_alert where acknowledged_at is null and escalate_at <= :now
				             order by escalate_at limit :limit for update skip locked)
				returning *""")
			.param("now", Timestamp.from(now))
			.param("next", Timestamp.from(next))
			.param("limit", limit)
			.query((rs, n) -> alert(rs))
			.list();
	}

	private static CriticalAlert alert(ResultSet rs) throws SQLException {
		return new CriticalAlert(new AlertId(rs.getLong("id")), new ResultId(rs.getLong("result_id")),
				new PatientId(rs.getLong("patient_id")), rs.getString("physician"), rs.getString("ward_code"),
				rs.getTimestamp("raised_at").toInstant(), rs.getTimestamp("escalate_at").toInstant(),
				rs.getInt("escalation_level"), OrderRepository.instant(rs.getTimestamp("escalated_at")),
				rs.getString("acknowledged_by"), OrderRepository.instant(rs.getTimestamp("acknowledged_at")),
				rs.getString("acknowledgement"));
	}

}
