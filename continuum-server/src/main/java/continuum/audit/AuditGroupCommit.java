package continuum.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the audit rows of accesses that changed nothing — reads and searches outside any
 * transaction — several at a time, in the way a database group-commits: the first caller
 * to find no write under way writes every row queued so far in one transaction, the
 * others wait for it, and every caller returns only once its own row is committed. A read
 * therefore costs no transaction of its own, yet its data is never shown before its audit
 * row is durable. Rows keep their own actor and time.
 */
final class AuditGroupCommit {

	private final AuditRepository repository;

	private final TransactionTemplate transaction;

	private final Object lock = new Object();

	private List<Pending> queued = new ArrayList<>();

	private boolean writing;

	AuditGroupCommit(AuditRepository repository, TransactionTemplate transaction) {
		this.repository = repository;
		this.transaction = transaction;
	}

	/**
	 * Returns when the row is committed; throws if the transaction that held it failed.
	 */
	void write(Actor actor, AuditEntry entry, Instant at) {
		Pending pending = new Pending(new AuditRow(actor, entry, at));
		List<Pending> batch = null;
		boolean interrupted = false;
		synchronized (lock) {
			queued.add(pending);
			while (!pending.done && batch == null) {
				if (!writing) {
					writing = true;
					batch = queued;
					queued = new ArrayList<>();
				}
				else {
					try {
						lock.wait();
					}
					catch (InterruptedException ex) {
						// The row is queued and will be written; keep waiting,
						// re-interrupt after.
						interrupted = true;
					}
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		if (batch != null) {
			List<Pending> rows = batch;
			RuntimeException failure = null;
			try {
				transaction
					.executeWithoutResult(status -> repository.insertAll(rows.stream().map(p -> p.row).toList()));
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
			synchronized (lock) {
				for (Pending written : rows) {
					written.failure = failure;
					written.done = true;
				}
				writing = false;
				lock.notifyAll();
			}
		}
		if (pending.failure != null) {
			throw pending.failure;
		}
	}

	private static final class Pending {

		final AuditRow row;

		boolean done;

		RuntimeException failure;

		Pending(AuditRow row) {
			this.row = row;
		}

	}

}
