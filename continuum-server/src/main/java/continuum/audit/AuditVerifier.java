package continuum.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Walks the chain in order and reports every changed, removed or reordered row, and every
 * row slipped into the log behind the chain's back; links from the switch position on are
 * recomputed with the audit key, so a row rewritten together with a recomputed plain
 * SHA-256 chain shows as changed. Then checks the chain against the anchor kept outside
 * the database and against the signed checkpoints given (copies kept off the machine),
 * which show its newest links removed or the chain recomputed; and recomputes the chains
 * of the entries downtime nodes shipped ({@link ShippedChainVerifier}).
 */
@Component
class AuditVerifier {

	private static final int MAX_PROBLEMS = 100;

	private static final HexFormat HEX = HexFormat.of();

	private final AuditChainRepository chain;

	private final AuditAnchor anchor;

	private final ShippedChainVerifier shipped;

	private final AuditKey key;

	AuditVerifier(AuditChainRepository chain, AuditAnchor anchor, ShippedChainVerifier shipped, AuditKey key) {
		this.chain = chain;
		this.anchor = anchor;
		this.shipped = shipped;
		this.key = key;
	}

	AuditVerification verify() {
		return verify(List.of());
	}

	/** {@link #verify()}, also against these checkpoints (from off the machine). */
	AuditVerification verify(List<AuditCheckpoint> checkpoints) {
		List<String> problems = new ArrayList<>();
		// Before the chain: a link anchored after this read is not looked for, and one
		// anchored before it was committed before the chain is read.
		List<Expected> expected = new ArrayList<>();
		AuditAnchor.@Nullable Link anchored = anchored(problems);
		if (anchored != null) {
			expected.add(new Expected(anchored, "the anchor kept outside the database in " + anchor.file()));
		}
		Long newestCheckpoint = null;
		for (AuditCheckpoint checkpoint : checkpoints) {
			AuditAnchor.Link link = checked(checkpoint, problems);
			if (link != null) {
				expected.add(new Expected(link, "the signed checkpoint of " + checkpoint.at()));
				newestCheckpoint = newestCheckpoint == null ? link.position()
						: Math.max(newestCheckpoint, link.position());
			}
		}
		long checked = walk(chain, key, true, expected, problems);
		// The entries downtime nodes shipped: their own chains, recomputed from their
		// rows.
		shipped.verify(problem -> add(problems, problem));
		return new AuditVerification(problems.isEmpty(), checked, List.copyOf(problems),
				anchored == null ? null : anchored.position(), newestCheckpoint);
	}

	/**
	 * The chain of another database (a restored backup), checked the same way against
	 * {@code expected}, the head the backup recorded.
	 */
	AuditVerification verifyCopy(AuditChainRepository copy, AuditAnchor.@Nullable Link expected) {
		List<String> problems = new ArrayList<>();
		long checked = walk(copy, key, false,
				expected == null ? List.of()
						: List.of(new Expected(expected, "the chain head recorded in the backup's manifest")),
				problems);
		return new AuditVerification(problems.isEmpty(), checked, List.copyOf(problems),
				expected == null ? null : expected.position(), null);
	}

	/** The checkpoint's link if its signature is the audit key's; else a problem. */
	private AuditAnchor.@Nullable Link checked(AuditCheckpoint checkpoint, List<String> problems) {
		if (checkpoint.hash() == null || checkpoint.at() == null || checkpoint.keyId() == null
				|| checkpoint.signature() == null) {
			add(problems, "a checkpoint lacks its hash, time, key id or signature (not used)");
			return null;
		}
		if (!key.id().equals(checkpoint.keyId())) {
			add(problems, "the checkpoint of position " + checkpoint.position() + " names audit key id "
					+ checkpoint.keyId() + ", this node's key has id " + key.id() + " (not checked)");
			return null;
		}
		if (!checkpoint.hash().matches("[0-9a-f]{64}")
				|| !key.signed(checkpoint.signedText(), checkpoint.signature())) {
			add(problems, "the checkpoint of position " + checkpoint.position()
					+ " does not carry the audit key's signature (forged or altered; not used)");
			return null;
		}
		return new AuditAnchor.Link(checkpoint.position(), HEX.parseHex(checkpoint.hash()));
	}

	/**
	 * Walks the chain, then looks for rows outside it; answers the number of links
	 * checked. {@code live}: the chain of the running database, which has recorded its
	 * switch to the keyed hash at its first chaining round.
	 */
	private static long walk(AuditChainRepository chain, AuditKey key, boolean live, List<Expected> expected,
			List<String> problems) {
		AuditChainRepository.Keying keying = chain.keying().orElse(null);
		AuditHash hashes;
		long keyedFrom;
		if (keying == null) {
			if (live && chain.head().isPresent()) {
				add(problems, "the chain's switch to the keyed hash is not recorded (audit_chain_key emptied):"
						+ " its keyed links now look changed");
			}
			hashes = AuditHash.unkeyed();
			keyedFrom = Long.MAX_VALUE;
		}
		else if (keying.keyId().equals(key.id())) {
			hashes = AuditHash.keyedFrom(keying.keyedFrom(), key);
			keyedFrom = keying.keyedFrom();
		}
		else {
			add(problems,
					"the chain is keyed from position " + keying.keyedFrom() + " with audit key id " + keying.keyId()
							+ ", but this node's key " + key.file() + " has id " + key.id()
							+ ": the keyed links cannot be checked here (give this node the chain's key)");
			hashes = null;
			keyedFrom = keying.keyedFrom();
		}
		boolean[] met = new boolean[expected.size()];
		long[] checked = { 0 };
		long[] expectedSeq = { 1 };
		byte[][] previous = { AuditHash.GENESIS };
		chain.walk(link -> {
			long seq = link.position();
			long id = link.auditId();
			checked[0]++;
			if (seq != expectedSeq[0]) {
				add(problems, "chain position " + expectedSeq[0] + (seq > expectedSeq[0] ? " to " + (seq - 1) : "")
						+ " missing before row id " + id + " (rows removed)");
			}
			if (!Arrays.equals(link.previousHash(), previous[0])) {
				add(problems, "row id " + id + " at position " + seq
						+ " does not link to the row before it (rows removed or reordered)");
			}
			if (link.row() == null) {
				add(problems, "row id " + id + " at position " + seq + " was removed");
			}
			else if ((hashes != null || seq < keyedFrom) && !Arrays.equals(
					(hashes == null ? AuditHash.unkeyed() : hashes).link(link.previousHash(), seq, link.row()),
					link.hash())) {
				add(problems, "row id " + id + " at position " + seq + " was changed after it was recorded");
			}
			for (int i = 0; i < expected.size(); i++) {
				AuditAnchor.Link at = expected.get(i).link();
				if (seq == at.position()) {
					met[i] = true;
					if (!Arrays.equals(link.hash(), at.hash())) {
						add(problems, "position " + seq + " differs from " + expected.get(i).name()
								+ " (the chain was recomputed up to it)");
					}
				}
			}
			previous[0] = link.hash();
			expectedSeq[0] = seq + 1;
		});
		for (int i = 0; i < expected.size(); i++) {
			if (!met[i]) {
				add(problems, "the chain ends at position " + (expectedSeq[0] - 1) + ", before position "
						+ expected.get(i).link().position() + " named by " + expected.get(i).name()
						+ " (its newest links were removed, or the database was restored from an older backup)");
			}
		}
		// A row written through the application is linked or still queued by its own
		// transaction; any other row was slipped in behind the chain's back.
		chain.unlinked(MAX_PROBLEMS)
			.forEach(id -> add(problems, "row id " + id + " is neither in the chain nor waiting to be linked"
					+ " (added behind the chain's back)"));
		return checked[0];
	}

	/** The anchored link, or null when there is none or it cannot be read (a problem). */
	private AuditAnchor.@Nullable Link anchored(List<String> problems) {
		try {
			return anchor.read().orElse(null);
		}
		catch (AuditAnchor.UnreadableAnchor ex) {
			add(problems, "the chain anchor " + ex.getMessage());
			return null;
		}
	}

	private static void add(List<String> problems, String problem) {
		if (problems.size() < MAX_PROBLEMS) {
			problems.add(problem);
		}
	}

	/** A link the chain must hold, and what named it. */
	private record Expected(AuditAnchor.Link link, String name) {
	}

}
