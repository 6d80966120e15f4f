package continuum.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links committed audit rows into the hash chain a few times a second, each row once. A
 * row waits in {@code audit_pending} from the transaction that wrote it; the chainer
 * takes the committed entries and appends their links to {@code audit_chain} in one
 * transaction, so the log itself is written once and never updated. Only one chainer runs
 * at a time across all server nodes (a PostgreSQL advisory lock), so the chain never
 * forks. The lock is transaction-scoped, so it needs no lease
 * ({@code platform.JobLeases}): a node that dies mid-round loses its transaction, links
 * and lock together, and any node's next round links the rows. Once a round has
 * committed, its last link is anchored outside the database ({@link AuditAnchor}), as
 * long as the chain still holds the link anchored before.
 */
@Component
class AuditChainer {

	private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);

	/** The most rows one round links ({@link AuditChainRepository#TAKE_BATCH}). */
	private static final int BATCH = 1000;

	private final AuditChainRepository chain;

	private final TransactionTemplate transactions;

	private final AuditAnchor anchor;

	/** Whether the last round found the anchored link, to warn once when it stops. */
	private volatile boolean anchorHeldLastRound = true;

	AuditChainer(AuditChainRepository chain, TransactionTemplate transactions, AuditAnchor anchor) {
		this.chain = chain;
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
		chain.lock();
		List<AuditRecord> pending = chain.takeBatch(BATCH);
		if (pending.isEmpty()) {
			return Round.NONE;
		}
		Optional<AuditAnchor.Link> head = chain.head();
		long seq = head.map(AuditAnchor.Link::position).orElse(0L);
		byte[] previous = head.map(AuditAnchor.Link::hash).orElse(AuditHash.GENESIS);
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
		chain.append(seqs, ids, previousHashes, hashes);
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
			held = anchored.isEmpty() || chain.hashAt(anchored.get().position())
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
