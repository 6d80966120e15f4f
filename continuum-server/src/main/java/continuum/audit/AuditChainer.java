package continuum.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
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
 * long as the chain still holds the link anchored before. Links are HMAC-SHA256 with the
 * audit key ({@link AuditKey}, {@link AuditHash}) from the position of the first round
 * that had a key on.
 */
@Component
class AuditChainer {

	private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);

	/** The most rows one round links ({@link AuditChainRepository#TAKE_BATCH}). */
	private static final int BATCH = 1000;

	private final AuditChainRepository chain;

	private final TransactionTemplate transactions;

	private final AuditAnchor anchor;

	private final AuditKey key;

	/** Whether the last round found the anchored link, to warn once when it stops. */
	private volatile boolean anchorHeldLastRound = true;

	/** The chain's switch to the keyed hash, once read from the database. */
	private volatile AuditChainRepository.@Nullable Keying keying;

	/** Whether the last round found the chain keyed with another key, to warn once. */
	private volatile boolean otherKeyLastRound;

	AuditChainer(AuditChainRepository chain, TransactionTemplate transactions, AuditAnchor anchor, AuditKey key) {
		this.chain = chain;
		this.transactions = transactions;
		this.anchor = anchor;
		this.key = key;
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
		Optional<AuditAnchor.Link> head = chain.head();
		long seq = head.map(AuditAnchor.Link::position).orElse(0L);
		AuditHash hashes = hashes(seq);
		if (hashes == null) {
			return Round.NONE;
		}
		List<AuditRecord> pending = chain.takeBatch(BATCH);
		if (pending.isEmpty()) {
			return Round.NONE;
		}
		byte[] previous = head.map(AuditAnchor.Link::hash).orElse(AuditHash.GENESIS);
		int n = pending.size();
		Long[] seqs = new Long[n];
		Long[] ids = new Long[n];
		byte[][] previousHashes = new byte[n][];
		byte[][] links = new byte[n][];
		for (int i = 0; i < n; i++) {
			AuditRecord row = pending.get(i);
			seq++;
			byte[] hash = hashes.link(previous, seq, row);
			seqs[i] = seq;
			ids[i] = row.id();
			previousHashes[i] = previous;
			links[i] = hash;
			previous = hash;
		}
		chain.append(seqs, ids, previousHashes, links);
		return new Round(n, new AuditAnchor.Link(seq, previous), anchorHeld());
	}

	/**
	 * How this round's links are hashed: keyed from the recorded switch position on, or,
	 * in the first round with a key, from the next position on (recorded now, in the
	 * round's transaction). Null when the chain is keyed with another key than this
	 * node's: linking with the wrong key would break the chain, so the rows stay queued
	 * until the node is given the cluster's key.
	 */
	private @Nullable AuditHash hashes(long head) {
		AuditChainRepository.Keying keying = this.keying;
		if (keying == null) {
			keying = chain.keying().orElse(null);
			// Written once, never changed: read once it has committed.
			this.keying = keying;
		}
		if (keying == null) {
			keying = new AuditChainRepository.Keying(head + 1, key.id());
			chain.recordKeying(keying);
			log.info("The audit chain is keyed (HMAC-SHA256, key id {}) from position {} on", key.id(),
					keying.keyedFrom());
		}
		boolean otherKey = !keying.keyId().equals(key.id());
		if (otherKey && !this.otherKeyLastRound) {
			log.error(
					"The audit chain is keyed with key id {}, this node's audit key {} has id {}: rows are not"
							+ " linked here until the node is given the cluster's key (continuum.audit.key.file)",
					keying.keyId(), key.file(), key.id());
		}
		this.otherKeyLastRound = otherKey;
		return otherKey ? null : AuditHash.keyedFrom(keying.keyedFrom(), key);
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
