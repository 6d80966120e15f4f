package continuum.audit;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a downtime node's own hash-chained audit log, as the node sends it
 * (docs/downtime-protocol.md, "Node audit shipping"): its position in the node's chain,
 * the time exactly as the node wrote it, who did what, and the node's link
 * ({@code previousHash}, {@code hash}: lowercase hex SHA-256). {@code outcome} is the
 * protocol's: {@code SUCCESS}, {@code DENIED} or {@code FAILURE}. {@code explanation}
 * stands outside the chain and never enters the log: the reader's own words for a
 * break-the-glass, kept for the privacy officer's review queue only.
 */
public record ShippedAuditEntry(long seq, String at, String username, String action, String resourceType,
		@Nullable String resourceId, @Nullable String patientId, String outcome, @Nullable String detail,
		String previousHash, String hash, @Nullable String explanation) {
}
