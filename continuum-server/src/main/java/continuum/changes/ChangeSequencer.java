package continuum.changes;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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
 * <p>
 * Runs on every server node, and needs no lease ({@code platform.JobLeases}): the lock is
 * transaction-scoped, so at most one node numbers at a time, and a node that dies or
 * loses its connection mid-batch loses its transaction with it (nothing numbered, the
 * lock gone), leaving the rows to the next batch of any node. Every node sequences so
 * that a writer's own node numbers its change right after commit, without waiting for a
 * leader's next poll.
 */
@Component
class ChangeSequencer {

	private static final int BATCH = 5000;

	private final ChangeFeedRepository repository;

	private final TransactionTemplate transactions;

	private final Semaphore wakeUp = new Semaphore(0);

	ChangeSequencer(ChangeFeedRepository repository, TransactionTemplate transactions) {
		this.repository = repository;
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
		repository.lockSequencer();
		List<ChangeFeedRepository.Pending> pending = repository.takeUnsequenced(BATCH);
		if (pending.isEmpty()) {
			return 0;
		}
		Long[] ids = new Long[pending.size()];
		Long[] positions = new Long[pending.size()];
		long last = pending.get(0).lastPosition();
		for (int i = 0; i < ids.length; i++) {
			ids[i] = pending.get(i).id();
			positions[i] = ++last;
		}
		repository.number(ids, positions);
		return ids.length;
	}

}
