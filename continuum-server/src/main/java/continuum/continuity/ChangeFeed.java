package continuum.continuity;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ordered, resumable log of clinical changes. Modules append inside the transaction
 * of the change; readers ask for everything after the last position they saw. Positions
 * are assigned after commit by {@link ChangeSequencer}, so the feed is gap-free for
 * readers under any number of concurrent writers.
 */
@Service
public class ChangeFeed {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ChangeSequencer sequencer;

	ChangeFeed(JdbcClient jdbc, Clock clock, ChangeSequencer sequencer) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.sequencer = sequencer;
	}

	/**
	 * Appends a change; becomes visible to readers shortly after the surrounding
	 * transaction commits.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(String resourceType, String resourceId, @Nullable String patientId, ChangeOperation operation) {
		jdbc.sql("""
				insert into change_feed (resource_type, resource_id, patient_id, operation, changed_at)
				values (:type, :id, :patient, :operation, :at)""")
			.param("type", resourceType)
			.param("id", resourceId)
			.param("patient", patientId)
			.param("operation", operation.name())
			.param("at", Timestamp.from(clock.instant()))
			.update();
		sequencer.wakeUpAfterCommit();
	}

	/**
	 * A change for the statement that makes it to append (see {@link StatementChange}),
	 * visible to readers shortly after that statement's transaction commits: the
	 * surrounding one, or the statement's own outside any.
	 */
	public StatementChange inStatement(String resourceType, ChangeOperation operation) {
		Runnable afterStatement = sequencer.wakeUpAfterCommit() ? StatementChange.NOTHING : sequencer::wakeUp;
		return new StatementChange(resourceType, operation, clock.instant(), afterStatement);
	}

	/**
	 * Up to {@code limit} changes with a position greater than {@code after}, in order.
	 */
	@Transactional(readOnly = true)
	public List<Change> readAfter(long after, int limit) {
		return jdbc.sql("""
				select seq, resource_type, resource_id, patient_id, operation, changed_at from change_feed
				where seq > :after order by seq limit :limit""")
			.param("after", after)
			.param("limit", Math.max(1, Math.min(limit, 5000)))
			.query((rs, n) -> new Change(rs.getLong("seq"), rs.getString("resource_type"), rs.getString("resource_id"),
					rs.getString("patient_id"), ChangeOperation.valueOf(rs.getString("operation")),
					rs.getTimestamp("changed_at").toInstant()))
			.list();
	}

	/** The highest position assigned so far (0 when the feed is empty). */
	@Transactional(readOnly = true)
	public long head() {
		return jdbc.sql("select coalesce(max(seq), 0) from change_feed").query(Long.class).single();
	}

	/**
	 * Numbers every committed change now (tests and shutdown use it instead of waiting
	 * for the schedule).
	 */
	public void sequencePending() {
		sequencer.sequencePending();
	}

}
