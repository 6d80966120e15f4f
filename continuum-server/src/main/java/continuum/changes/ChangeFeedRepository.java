package continuum.changes;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code change_feed} table: rows appended by writers without a position, numbered
 * after commit by {@link ChangeSequencer}, read in position order.
 */
@Repository
class ChangeFeedRepository {

	private static final long SEQUENCER_LOCK = 0x464545444CL; // "FEEDL"

	/**
	 * The first {@code :batch} committed rows without a position, oldest first, locked,
	 * each with the last position given so far.
	 */
	static final String TAKE_BATCH = """
			select id, (select coalesce(max(seq), 0) from change_feed) as last
			from change_feed where seq is null order by id limit :batch for update""";

	/**
	 * Gives the taken rows their positions. The rows come as arrays, whose size the
	 * planner always guesses the same, so it probes them by primary key: a join with the
	 * taken rows in the same statement was planned from the table's statistics, which are
	 * stale for the unsequenced rows, and became a scan of the whole feed (or a loop over
	 * every unsequenced row per row) when they were wrong.
	 */
	static final String NUMBER = """
			update change_feed f set seq = v.position, sequenced_at = clock_timestamp()
			from unnest(cast(:ids as bigint[]), cast(:positions as bigint[])) as v(id, position)
			where f.id = v.id""";

	/** A row taken for numbering: its id and the last position given before the batch. */
	record Pending(long id, long lastPosition) {
	}

	private final JdbcClient jdbc;

	ChangeFeedRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void append(String resourceType, String resourceId, @Nullable String patientId, ChangeOperation operation,
			Instant at) {
		jdbc.sql("""
				insert into change_feed (resource_type, resource_id, patient_id, operation, changed_at)
				values (:type, :id, :patient, :operation, :at)""")
			.param("type", resourceType)
			.param("id", resourceId)
			.param("patient", patientId)
			.param("operation", operation.name())
			.param("at", Timestamp.from(at))
			.update();
	}

	List<Change> readAfter(long after, int limit) {
		return jdbc.sql("""
				select seq, resource_type, resource_id, patient_id, operation, changed_at from change_feed
				where seq > :after order by seq limit :limit""")
			.param("after", after)
			.param("limit", limit)
			.query((rs, n) -> new Change(rs.getLong("seq"), rs.getString("resource_type"), rs.getString("resource_id"),
					rs.getString("patient_id"), ChangeOperation.valueOf(rs.getString("operation")),
					rs.getTimestamp("changed_at").toInstant()))
			.list();
	}

	long head() {
		return jdbc.sql("select coalesce(max(seq), 0) from change_feed").query(Long.class).single();
	}

	/**
	 * Takes the sequencer's advisory lock until the end of the transaction: one sequencer
	 * at a time across all nodes.
	 */
	void lockSequencer() {
		jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", SEQUENCER_LOCK).query().singleValue();
	}

	List<Pending> takeUnsequenced(int batch) {
		return jdbc.sql(TAKE_BATCH)
			.param("batch", batch)
			.query((rs, n) -> new Pending(rs.getLong(1), rs.getLong(2)))
			.list();
	}

	void number(Long[] ids, Long[] positions) {
		jdbc.sql(NUMBER).param("ids", ids).param("positions", positions).update();
	}

}
