package continuum.audit;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links committed audit rows into the hash chain a few times a second, each row once. A
 * row waits in {@code audit_pending} from the transaction that wrote it; the chainer
 * takes the committed entries and appends their links to {@code audit_chain} in one
 * transaction, so the log itself is written once and never updated. Only one chainer runs
 * at a time across all server nodes (a PostgreSQL advisory lock), so the chain never
 * forks.
 */
@Component
class AuditChainer {

	private static final long LOCK_KEY = 0x4155444954L; // "AUDIT"

	private static final int BATCH = 1000;

	/**
	 * Takes the first {@code :batch} committed entries off the queue and reads their
	 * rows. Only committed entries are visible: a row whose writer is still at work waits
	 * for a later round, and holds nothing else back. The visible entries up to the
	 * batch's last are exactly the batch (one snapshot for the statement). Every plan of
	 * it is linear in the queue and reads only the batch's rows of the log: the queue's
	 * statistics are always stale, and a join the planner was free to choose became a
	 * merge join that walked the whole audit log from its first row on every round.
	 */
	static final String TAKE_BATCH = """
			with taken as (
			  delete from audit_pending
			  where audit_id <= (select max(audit_id)
			                     from (select audit_id from audit_pending order by audit_id limit :batch) b)
			  returning audit_id)
			select a.* from audit_log a where a.id = any(array(select audit_id from taken)) order by a.id""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	AuditChainer(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Scheduled(fixedDelayString = "${continuum.audit.chain-interval:200ms}")
	void chainPendingOnSchedule() {
		chainPending();
	}

	/** Chains every row committed so far; returns how many were linked. */
	int chainPending() {
		int total = 0;
		int batch;
		do {
			Integer linked = transactions.execute(status -> chainBatch());
			batch = linked == null ? 0 : linked;
			total += batch;
		}
		while (batch == BATCH);
		return total;
	}

	private int chainBatch() {
		jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().singleValue();
		List<AuditRecord> pending = jdbc.sql(TAKE_BATCH)
			.param("batch", BATCH)
			.query((rs, n) -> AuditRepository.map(rs))
			.list();
		if (pending.isEmpty()) {
			return 0;
		}
		var head = jdbc.sql("select seq, hash from audit_chain order by seq desc limit 1")
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getBytes(2) })
			.optional();
		long seq = head.map(h -> (Long) h[0]).orElse(0L);
		byte[] previous = head.map(h -> (byte[]) h[1]).orElse(AuditHash.GENESIS);
		int n = pending.size();
		Long[] seqs = new Long[n];
		Long[] ids = new Long[n];
		byte[][] previousHashes = new byte[n][];
		byte[][] hashes = new byte[n][];
		for (int i = 0; i < n; i++) {
			AuditRecord row = pending.get(i);
			seq++;
			byte[] hash = AuditHash.of(previous, seq, row);
			seqs[i] = seq;
			ids[i] = row.id();
			previousHashes[i] = previous;
			hashes[i] = hash;
			previous = hash;
		}
		// One statement for the whole batch: the chainer must keep up with every audited
		// read of every node.
		jdbc.sql("""
				insert into audit_chain (seq, audit_id, prev_hash, hash)
				select * from unnest(cast(:seqs as bigint[]), cast(:ids as bigint[]), cast(:prevs as bytea[]),
				                     cast(:hashes as bytea[]))""")
			.param("seqs", seqs)
			.param("ids", ids)
			.param("prevs", previousHashes)
			.param("hashes", hashes)
			.update();
		return n;
	}

}
