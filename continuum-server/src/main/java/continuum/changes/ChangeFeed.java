package continuum.changes;

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

	private final ChangeFeedRepository repository;

	private final Clock clock;

	private final ChangeSequencer sequencer;

	ChangeFeed(ChangeFeedRepository repository, Clock clock, ChangeSequencer sequencer) {
		this.repository = repository;
		this.clock = clock;
		this.sequencer = sequencer;
	}

	/**
	 * Appends a change; becomes visible to readers shortly after the surrounding
	 * transaction commits.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(String resourceType, String resourceId, @Nullable String patientId, ChangeOperation operation) {
		repository.append(resourceType, resourceId, patientId, operation, clock.instant());
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
		return repository.readAfter(after, Math.max(1, Math.min(limit, 5000)));
	}

	/** The highest position assigned so far (0 when the feed is empty). */
	@Transactional(readOnly = true)
	public long head() {
		return repository.head();
	}

	/**
	 * The highest position in another database (a restored backup) or in a session of
	 * this one, where the injected repository cannot reach.
	 */
	public long headIn(JdbcClient database) {
		return new ChangeFeedRepository(database).head();
	}

	/**
	 * Numbers every committed change now (tests and shutdown use it instead of waiting
	 * for the schedule).
	 */
	public void sequencePending() {
		sequencer.sequencePending();
	}

}
