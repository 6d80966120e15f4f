package continuum.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Walks the chain in order and reports every changed, removed or reordered row, and every
 * row slipped into the log behind the chain's back; then checks the chain against the
 * anchor kept outside the database, which shows its newest links removed or the chain
 * recomputed; and recomputes the chains of the entries downtime nodes shipped
 * ({@link ShippedChainVerifier}).
 */
@Component
class AuditVerifier {

	private static final int MAX_PROBLEMS = 100;

	private final AuditChainRepository chain;

	private final AuditAnchor anchor;

	private final ShippedChainVerifier shipped;

	AuditVerifier(AuditChainRepository chain, AuditAnchor anchor, ShippedChainVerifier shipped) {
		this.chain = chain;
		this.anchor = anchor;
		this.shipped = shipped;
	}

	AuditVerification verify() {
		List<String> problems = new ArrayList<>();
		// Before the chain: a link anchored after this read is not looked for, and one
		// anchored before it was committed before the chain is read.
		AuditAnchor.@Nullable Link expected = anchored(problems);
		long checked = walk(chain, expected, "the anchor kept outside the database in " + anchor.file(), problems);
		// The entries downtime nodes shipped: their own chains, recomputed from their
		// rows.
		shipped.verify(problem -> add(problems, problem));
		return new AuditVerification(problems.isEmpty(), checked, List.copyOf(problems),
				expected == null ? null : expected.position());
	}

	/**
	 * The chain of another database (a restored backup), checked the same way against
	 * {@code expected}, the head the backup recorded.
	 */
	AuditVerification verifyCopy(AuditChainRepository copy, AuditAnchor.@Nullable Link expected) {
		List<String> problems = new ArrayList<>();
		long checked = walk(copy, expected, "the chain head recorded in the backup's manifest", problems);
		return new AuditVerification(problems.isEmpty(), checked, List.copyOf(problems),
				expected == null ? null : expected.position());
	}

	/**
	 * Walks the chain, then looks for rows outside it; answers the number of links
	 * checked.
	 */
	private static long walk(AuditChainRepository chain, AuditAnchor.@Nullable Link expected, String anchorName,
			List<String> problems) {
		boolean[] anchorMet = { false };
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
			else if (!Arrays.equals(AuditHash.of(link.previousHash(), seq, link.row()), link.hash())) {
				add(problems, "row id " + id + " at position " + seq + " was changed after it was recorded");
			}
			if (expected != null && seq == expected.position()) {
				anchorMet[0] = true;
				if (!Arrays.equals(link.hash(), expected.hash())) {
					add(problems,
							"position " + seq + " differs from " + anchorName + " (the chain was recomputed up to it)");
				}
			}
			previous[0] = link.hash();
			expectedSeq[0] = seq + 1;
		});
		if (expected != null && !anchorMet[0]) {
			add(problems,
					"the chain ends at position " + (expectedSeq[0] - 1) + ", before position " + expected.position()
							+ " named by " + anchorName
							+ " (its newest links were removed, or the database was restored from an older backup)");
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

}
