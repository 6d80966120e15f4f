package continuum.audit;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links committed audit rows into the hash chain a few times a second, in the order of
 * their transactions' ids, each row once: the links go to their own table
 * ({@code audit_chain}), so the log itself is written once and never updated. Only one
 * chainer runs at a time across all server nodes (a PostgreSQL advisory lock), so the
 * chain never forks.
 */
@Component
class AuditChainer {

	private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);

	private static final long LOCK_KEY = 0x4155444954L; // "AUDIT"

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private volatile boolean refusalReported;

	AuditChainer(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Scheduled(fixedDelayString = "${continuum.audit.chain-interval:200ms}")
	void chainPendingOnSchedule() {
		try {
			chainPending();
			refusalReported = false;
		}
		catch (ChainRefusedException ex) {
			// Once, not five times a second: the condition lasts until an operator acts.
			if (!refusalReported) {
				log.error("Audit rows are not being linked into the hash chain: {}", ex.getMessage());
				refusalReported = true;
			}
		}
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
		while (batch > 0);
		return total;
	}

	private int chainBatch() {
		jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().singleValue();
		// Every transaction with an id below the snapshot's xmin has ended, and any
		// transaction
		// yet to write gets a larger id: the rows below it are final.
		long below = jdbc.sql("select cast(cast(pg_snapshot_xmin(pg_current_snapshot()) as text) as bigint)")
			.query(Long.class)
			.single();
		Link head = jdbc.sql("select seq, hash, audit_tx, audit_id from audit_chain order by seq desc limit 1")
			.query((rs, n) -> new Link(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getLong(4)))
			.optional()
			.orElse(Link.GENESIS);
		if (below < head.tx()) {
			// Only a database rebuilt from a logical dump counts transactions from the
			// start again.
			throw new ChainRefusedException("the database's transaction ids went backwards (" + below + " < "
					+ head.tx() + "): the audit chain cannot tell new rows from old ones");
		}
		List<Pending> pending = jdbc.sql("""
				select * from audit_log
				where (tx, id) > (:tx, :id) and tx < :below
				order by tx, id limit 1000""")
			.param("tx", head.tx())
			.param("id", head.tx() == 0 ? Long.MAX_VALUE : head.auditId())
			.param("below", below)
			.query((rs, n) -> new Pending(AuditRepository.map(rs), rs.getLong("tx")))
			.list();
		if (pending.isEmpty()) {
			return 0;
		}
		int n = pending.size();
		Long[] seqs = new Long[n];
		Long[] ids = new Long[n];
		Long[] txs = new Long[n];
		byte[][] previousHashes = new byte[n][];
		byte[][] hashes = new byte[n][];
		long seq = head.seq();
		byte[] previous = head.hash();
		for (int i = 0; i < n; i++) {
			Pending row = pending.get(i);
			seq++;
			byte[] hash = AuditHash.of(previous, seq, row.record());
			seqs[i] = seq;
			ids[i] = row.record().id();
			txs[i] = row.tx();
			previousHashes[i] = previous;
			hashes[i] = hash;
			previous = hash;
		}
		// One statement for the whole batch: the chainer must keep up with every audited
		// read of every node.
		jdbc.sql("""
				insert into audit_chain (seq, audit_id, audit_tx, prev_hash, hash)
				select * from unnest(cast(:seqs as bigint[]), cast(:ids as bigint[]), cast(:txs as bigint[]),
				                     cast(:prevs as bytea[]), cast(:hashes as bytea[]))""")
			.param("seqs", seqs)
			.param("ids", ids)
			.param("txs", txs)
			.param("prevs", previousHashes)
			.param("hashes", hashes)
			.update();
		return n;
	}

	/** The chain cannot go on safely; verification reports the rows left unlinked. */
	static class ChainRefusedException extends IllegalStateException {

		ChainRefusedException(String message) {
			super(message);
		}

	}

	private record Pending(AuditRecord record, long tx) {
	}

	/**
	 * The newest link: its position and hash continue the chain, its row's (tx, id) is
	 * where the next round starts. Rows written before the chain had its own table carry
	 * tx 0 and are all linked.
	 */
	private record Link(long seq, byte[] hash, long tx, long auditId) {

		static final Link GENESIS = new Link(0, AuditHash.GENESIS, 0, 0);

	}

}
