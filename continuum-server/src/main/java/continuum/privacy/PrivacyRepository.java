package continuum.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Restrictions and break-the-glass accesses: {@code privacy_restriction},
 * {@code privacy_break_glass}.
 */
@Repository
class PrivacyRepository {

	private final JdbcClient jdbc;

	PrivacyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Map<Long, RestrictionKind> restrictions(Collection<Long> patients) {
		Map<Long, RestrictionKind> found = new HashMap<>();
		jdbc.sql("select patient_id, kind from privacy_restriction where patient_id = any(cast(:ids as bigint[]))")
			.param("ids", patients.toArray(Long[]::new))
			.query((rs, n) -> found.put(rs.getLong("patient_id"), RestrictionKind.valueOf(rs.getString("kind"))))
			.list();
		return found;
	}

	List<Long> restrictedIds() {
		return jdbc.sql("select patient_id from privacy_restriction order by patient_id").query(Long.class).list();
	}

	Optional<Restriction> restriction(long patient) {
		return jdbc.sql("select * from privacy_restriction where patient_id = :id")
			.param("id", patient)
			.query((rs, n) -> new Restriction(new PatientId(rs.getLong("patient_id")),
					RestrictionKind.valueOf(rs.getString("kind")), rs.getString("set_by"),
					rs.getTimestamp("set_at").toInstant()))
			.optional();
	}

	/** Sets or changes the restriction; answers whether there was one before. */
	boolean restrict(long patient, RestrictionKind kind, String by, Instant at) {
		boolean existed = restriction(patient).isPresent();
		jdbc.sql("""
				insert into privacy_restriction (patient_id, kind, set_by, set_at) values (:id, :kind, :by, :at)
				on conflict (patient_id) do update set kind = excluded.kind, set_by = excluded.set_by,
				  set_at = excluded.set_at""")
			.param("id", patient)
			.param("kind", kind.name())
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update();
		return existed;
	}

	boolean lift(long patient) {
		return jdbc.sql("delete from privacy_restriction where patient_id = :id").param("id", patient).update() > 0;
	}

	long insertBreakGlass(long patient, String username, String role, BreakGlassReason reason, String explanation,
			Instant start, Instant end) {
		return jdbc
			.sql("""
					insert into privacy_break_glass (patient_id, username, role, reason, explanation, started_at, expires_at)
					values (:patient, :username, :role, :reason, :explanation, :start, :end) returning id""")
			.param("patient", patient)
			.param("username", username)
			.param("role", role)
			.param("reason", reason.name())
			.param("explanation", explanation)
			.param("start", Timestamp.from(start))
			.param("end", Timestamp.from(end))
			.query(Long.class)
			.single();
	}

	/**
	 * The newest break-the-glass of the user on each of these patients in force at
	 * {@code now}.
	 */
	Map<Long, Long> activeBreakGlass(String username, Collection<Long> patients, Instant now) {
		Map<Long, Long> found = new HashMap<>();
		jdbc.sql("""
				select distinct on (patient_id) patient_id, id from privacy_break_glass
				where username = :username and patient_id = any(cast(:ids as bigint[]))
				  and started_at <= :now and expires_at > :now and node_id is null
				order by patient_id, expires_at desc""")
			.param("username", username)
			.param("ids", patients.toArray(Long[]::new))
			.param("now", Timestamp.from(now))
			.query((rs, n) -> found.put(rs.getLong("patient_id"), rs.getLong("id")))
			.list();
		return found;
	}

	/**
	 * A break-the-glass made on a downtime node, for review: once per node entry (an
	 * entry received again adds nothing). Answers the new row's id, or empty when the
	 * entry was queued before.
	 */
	Optional<Long> insertNodeBreakGlass(String nodeId, long nodeSeq, long patient, String username, String role,
			BreakGlassReason reason, String explanation, Instant start, Instant end) {
		return jdbc
			.sql("""
					insert into privacy_break_glass (patient_id, username, role, reason, explanation, started_at, expires_at,
					  node_id, node_seq)
					values (:patient, :username, :role, :reason, :explanation, :start, :end, :node, :seq)
					on conflict (node_id, node_seq) where node_id is not null do nothing returning id""")
			.param("patient", patient)
			.param("username", username)
			.param("role", role)
			.param("reason", reason.name())
			.param("explanation", explanation)
			.param("start", Timestamp.from(start))
			.param("end", Timestamp.from(end))
			.param("node", nodeId)
			.param("seq", nodeSeq)
			.query(Long.class)
			.optional();
	}

	Optional<BreakGlass> breakGlass(long id) {
		return jdbc.sql("select * from privacy_break_glass where id = :id")
			.param("id", id)
			.query((rs, n) -> breakGlass(rs))
			.optional();
	}

	/** Emergency accesses, open ones (not reviewed) or closed ones, newest first. */
	List<BreakGlass> breakGlasses(boolean open, @Nullable Long patient, int limit) {
		return jdbc.sql("select * from privacy_break_glass where (review is null) = :open"
				+ " and (cast(:patient as bigint) is null or patient_id = :patient) order by started_at desc, id desc"
				+ " limit :limit")
			.param("open", open)
			.param("patient", patient)
			.param("limit", limit)
			.query((rs, n) -> breakGlass(rs))
			.list();
	}

	boolean review(long id, boolean justified, String comment, String by, Instant at) {
		return jdbc.sql("""
				update privacy_break_glass set review = :review, review_comment = :comment, reviewed_by = :by,
				  reviewed_at = :at where id = :id and review is null""")
			.param("review", justified ? "JUSTIFIED" : "NOT_JUSTIFIED")
			.param("comment", comment)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update() > 0;
	}

	private static BreakGlass breakGlass(ResultSet rs) throws SQLException {
		String review = rs.getString("review");
		return new BreakGlass(rs.getLong("id"), new PatientId(rs.getLong("patient_id")), rs.getString("username"),
				rs.getString("role"), BreakGlassReason.valueOf(rs.getString("reason")), rs.getString("explanation"),
				rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
				review == null ? null
						: new BreakGlass.Review("JUSTIFIED".equals(review), rs.getString("review_comment"),
								rs.getString("reviewed_by"), rs.getTimestamp("reviewed_at").toInstant()),
				rs.getString("node_id"));
	}

}
