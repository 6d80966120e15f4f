package continuum.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * forks. Once a round has committed, its last link is anchored outside the database
 * ({@link AuditAnchor}), as long as the chain still holds the link anchored before.
 */
@Component
class AuditChainer {

	private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);

	/** The advisory lock that one chainer at a time holds ("AUDIT"). */
	static final long LOCK_KEY = 0x4155444954L;

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

	private final AuditAnchor anchor;

	/** Whether the last round found the anchored link, to warn once when it stops. */
	private volatile boolean anchorHeldLastRound = true;

	AuditChainer(JdbcClient jdbc, TransactionTemplate transactions, AuditAnchor anchor) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.anchor = anchor;
	}

	@Scheduled(fixedDelayString = "${continuum.audit.chain-interval:200ms}")
	void chainPendingOnSchedule() {
		chainPending();
	}

	/** Chains every row committed so far; returns how many were linked. */
	int chainPending() {
		int total = 0;
		Round round;
		do {
			round = transactions.execute(status -> chainBatch());
			if (round == null || round.linked() == 0) {
				break;
			}
			// Committed: the anchor may now name the round's last link.
			if (round.anchorHeld()) {
				anchor.advance(round.last().position(), round.last().hash());
			}
			total += round.linked();
		}
		while (round.linked() == BATCH);
		return total;
	}

	private Round chainBatch() {
		jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().singleValue();
		List<AuditRecord> pending = jdbc.sql(TAKE_BATCH)
			.param("batch", BATCH)
			.query((rs, n) -> AuditRepository.map(rs))
			.list();
		if (pending.isEmpty()) {
			return Round.NONE;
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
		return new Round(n, new AuditAnchor.Link(seq, previous), anchorHeld());
	}

	/**
	 * Whether the chain, with this round's links, still holds the link anchored outside
	 * the database (or there is none yet). When it does not, the newest links were
	 * removed or the chain recomputed, or the anchor cannot be read: it must stay as it
	 * is, for verification to show it.
	 */
	private boolean anchorHeld() {
		boolean held;
		String problem;
		try {
			Optional<AuditAnchor.Link> anchored = anchor.read();
			held = anchored.isEmpty() || jdbc.sql("select hash from audit_chain where seq = :seq")
				.param("seq", anchored.get().position())
				.query(byte[].class)
				.optional()
				.filter(hash -> Arrays.equals(hash, anchored.get().hash()))
				.isPresent();
			problem = "The audit chain no longer holds the link anchored in " + anchor.file();
		}
		catch (AuditAnchor.UnreadableAnchor ex) {
			held = false;
			problem = "The audit chain anchor " + ex.getMessage();
		}
		if (!held && this.anchorHeldLastRound) {
			log.warn("{}; the anchor stays as it is, as evidence, until an operator moves it aside (run audit verify)",
					problem);
		}
		this.anchorHeldLastRound = held;
		return held;
	}

	/**
	 * What a round linked: how many rows, its last link, and whether the chain still held
	 * the anchored link.
	 */
	private record Round(int linked, AuditAnchor.Link last, boolean anchorHeld) {

		static final Round NONE = new Round(0, new AuditAnchor.Link(0, AuditHash.GENESIS), true);

	}

}
