package continuum.audit;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links committed audit rows into the hash chain, in commit order, a few times a second.
 * Only one chainer runs at a time across all server nodes (a PostgreSQL advisory lock),
 * so the chain never forks.
 */
@Component
class AuditChainer {

	private static final long LOCK_KEY = 0x4155444954L; // "AUDIT"

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
		while (batch > 0);
		return total;
	}

	private int chainBatch() {
		jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().singleValue();
		List<AuditRecord> pending = jdbc
			.sql("select * from audit_log where chain_seq is null order by id limit 1000 for update")
			.query((rs, n) -> AuditRepository.map(rs))
			.list();
		if (pending.isEmpty()) {
			return 0;
		}
		var head = jdbc
			.sql("select chain_seq, hash from audit_log where chain_seq is not null "
					+ "order by chain_seq desc limit 1")
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getBytes(2) })
			.optional();
		long seq = head.map(h -> (Long) h[0]).orElse(0L);
		byte[] previous = head.map(h -> (byte[]) h[1]).orElse(AuditHash.GENESIS);
		int n = pending.size();
		Long[] ids = new Long[n];
		Long[] seqs = new Long[n];
		byte[][] previousHashes = new byte[n][];
		byte[][] hashes = new byte[n][];
		for (int i = 0; i < n; i++) {
			AuditRecord row = pending.get(i);
			seq++;
			byte[] hash = AuditHash.of(previous, seq, row);
			ids[i] = row.id();
			seqs[i] = seq;
			previousHashes[i] = previous;
			hashes[i] = hash;
			previous = hash;
		}
		// One statement for the whole batch: the chainer must keep up with every audited
		// read of every node.
		jdbc.sql("""
				update audit_log a set chain_seq = l.seq, prev_hash = l.prev, hash = l.hash
				from unnest(cast(:ids as bigint[]), cast(:seqs as bigint[]), cast(:prevs as bytea[]),
				            cast(:hashes as bytea[])) as l(id, seq, prev, hash)
				where a.id = l.id""")
			.param("ids", ids)
			.param("seqs", seqs)
			.param("prevs", previousHashes)
			.param("hashes", hashes)
			.update();
		return pending.size();
	}

}
