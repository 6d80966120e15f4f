package continuum.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
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

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final Object lock = new Object();

	private List<Pending> queued = new ArrayList<>();

	private boolean writing;

	AuditGroupCommit(JdbcClient jdbc, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	/**
	 * Returns when the row is committed; throws if the transaction that held it failed.
	 */
	void write(Actor actor, AuditEntry entry, Instant at) {
		Pending pending = new Pending(actor, entry, at);
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
				transaction.executeWithoutResult(status -> insert(rows));
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

	private void insert(List<Pending> batch) {
		int n = batch.size();
		String[] times = new String[n];
		String[] usernames = new String[n];
		String[] roles = new String[n];
		String[] addresses = new String[n];
		String[] actions = new String[n];
		String[] types = new String[n];
		String[] ids = new String[n];
		String[] patients = new String[n];
		String[] outcomes = new String[n];
		String[] details = new String[n];
		for (int i = 0; i < n; i++) {
			Pending p = batch.get(i);
			times[i] = p.at.toString();
			usernames[i] = p.actor.username();
			roles[i] = p.actor.role();
			addresses[i] = p.actor.address();
			actions[i] = p.entry.action().name();
			types[i] = p.entry.resourceType();
			ids[i] = p.entry.resourceId();
			patients[i] = p.entry.patientId();
			outcomes[i] = p.entry.outcome().name();
			details[i] = p.entry.detail();
		}
		jdbc.sql("""
				insert into audit_log (recorded_at, username, role, action, resource_type, resource_id, patient_id,
				                       outcome, address, detail)
				select e.at, e.username, e.role, e.action, e.type, e.id, e.patient, e.outcome, e.address, e.detail
				from unnest(cast(:times as timestamptz[]), cast(:usernames as varchar[]), cast(:roles as varchar[]),
				            cast(:addresses as varchar[]), cast(:actions as varchar[]), cast(:types as varchar[]),
				            cast(:ids as varchar[]), cast(:patients as varchar[]), cast(:outcomes as varchar[]),
				            cast(:details as varchar[]))
				     with ordinality as e(at, username, role, address, action, type, id, patient, outcome, detail,
				                          position)
				order by e.position""")
			.param("times", times)
			.param("usernames", usernames)
			.param("roles", roles)
			.param("addresses", addresses)
			.param("actions", actions)
			.param("types", types)
			.param("ids", ids)
			.param("patients", patients)
			.param("outcomes", outcomes)
			.param("details", details)
			.update();
	}

	private static final class Pending {

		final Actor actor;

		final AuditEntry entry;

		final Instant at;

		boolean done;

		RuntimeException failure;

		Pending(Actor actor, AuditEntry entry, Instant at) {
			this.actor = actor;
			this.entry = entry;
			this.at = at;
		}

	}

}
