package continuum.audit;

import java.util.function.Consumer;

import org.springframework.stereotype.Component;

/**
 * Recomputes every downtime node's audit chain from what the server stored of it: per
 * node, positions from 1 without a gap, each link to the entry before it, each hash over
 * the audit row the entry became and the time exactly as the node wrote it. A changed or
 * removed shipped entry, or a changed receipt, shows as a problem naming the node and the
 * position, never the content.
 */
@Component
class ShippedChainVerifier {

	private final NodeEntryRepository entries;

	ShippedChainVerifier(NodeEntryRepository entries) {
		this.entries = entries;
	}

	/**
	 * Adds each problem found to {@code problems}; answers how many entries it checked.
	 */
	long verify(Consumer<String> problems) {
		long[] checked = { 0 };
		String[] node = { null };
		long[] expectedSeq = { 1 };
		String[] previous = { NodeChainHash.GENESIS };
		entries.walk(stored -> {
			checked[0]++;
			if (!stored.nodeId().equals(node[0])) {
				node[0] = stored.nodeId();
				expectedSeq[0] = 1;
				previous[0] = NodeChainHash.GENESIS;
			}
			String where = "entry " + stored.seq() + " shipped by downtime node " + stored.nodeId();
			if (stored.seq() != expectedSeq[0]) {
				problems.accept(where + ": positions " + expectedSeq[0] + " to " + (stored.seq() - 1)
						+ " of the node's chain are missing");
			}
			if (!stored.previousHash().equals(previous[0])) {
				problems.accept(where + " does not link to the entry before it");
			}
			AuditRecord row = stored.row();
			if (row == null) {
				problems.accept(where + " (audit row id " + stored.auditId() + ") was removed");
			}
			else if (!hash(stored, row).equals(stored.hash())) {
				problems.accept(where + " (audit row id " + stored.auditId() + ") was changed after it was received");
			}
			previous[0] = stored.hash();
			expectedSeq[0] = stored.seq() + 1;
		});
		return checked[0];
	}

	private static String hash(NodeEntryRepository.Stored stored, AuditRecord row) {
		return NodeChainHash.of(stored.previousHash(), stored.seq(), stored.at(), row.username(), row.action().name(),
				row.resourceType(), row.resourceId(), row.patientId(), NodeChainHash.protocolOutcome(row.outcome()),
				row.detail());
	}

}
