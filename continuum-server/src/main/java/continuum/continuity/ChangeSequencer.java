package continuum.continuity;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives committed change-feed rows their positions, one batch at a time under a
 * PostgreSQL advisory lock (one sequencer across all nodes). A row only becomes visible
 * here once its writer committed, and each batch commits before the next starts, so
 * positions increase in the order readers can see them: no reader ever skips a change.
 */
@Component
class ChangeSequencer {

	private static final long LOCK_KEY = 0x464545444CL; // "FEEDL"

	private static final int BATCH = 5000;

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

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Semaphore wakeUp = new Semaphore(0);

	ChangeSequencer(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * Called inside a writer's transaction: nudges the sequencer as soon as that
	 * transaction commits. Answers whether there was a transaction to wait for.
	 */
	boolean wakeUpAfterCommit() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return false;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				wakeUp.release();
			}
		});
		return true;
	}

	/** Nudges the sequencer now: a change was committed outside any transaction. */
	void wakeUp() {
		wakeUp.release();
	}

	/**
	 * Runs continuously: sequences, then waits for a commit nudge or 100 ms, whichever
	 * comes first.
	 */
	@Scheduled(fixedDelay = 1)
	void run() throws InterruptedException {
		sequencePending();
		if (wakeUp.tryAcquire(100, TimeUnit.MILLISECONDS)) {
			wakeUp.drainPermits();
		}
	}

	void sequencePending() {
		Integer numbered;
		do {
			numbered = transactions.execute(status -> sequenceBatch());
		}
		// A short batch took everything committed so far; a commit after it nudges again.
		// Looking once more would cost every write a second, empty transaction.
		while (numbered != null && numbered == BATCH);
	}

	private int sequenceBatch() {
		jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().singleValue();
		List<long[]> pending = jdbc.sql(TAKE_BATCH)
			.param("batch", BATCH)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
		if (pending.isEmpty()) {
			return 0;
		}
		Long[] ids = new Long[pending.size()];
		Long[] positions = new Long[pending.size()];
		long last = pending.get(0)[1];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = pending.get(i)[0];
			positions[i] = ++last;
		}
		jdbc.sql(NUMBER).param("ids", ids).param("positions", positions).update();
		return ids.length;
	}

}
