package continuum.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The link of a downtime node's audit chain, as the protocol defines it: lowercase hex
 * SHA-256 over {@code previousHash, seq, at, username, action, resourceType, resourceId,
 * patientId, outcome, detail}, each as {@code <length in UTF-8 bytes>:<UTF-8 bytes>}
 * (null as the empty string). The node computes it; the server recomputes it on receipt
 * and at every verification.
 */
final class NodeChainHash {

	/** The previous hash of a node's first entry. */
	static final String GENESIS = "0".repeat(64);

	private NodeChainHash() {
	}

	static String of(String previousHash, long seq, String at, String username, String action, String resourceType,
			@Nullable String resourceId, @Nullable String patientId, String outcome, @Nullable String detail) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String field : new String[] { previousHash, Long.toString(seq), at, username, action, resourceType,
					resourceId, patientId, outcome, detail }) {
				byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
				digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
				digest.update(bytes);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

	static String of(ShippedAuditEntry e) {
		return of(e.previousHash(), e.seq(), e.at(), e.username(), e.action(), e.resourceType(), e.resourceId(),
				e.patientId(), e.outcome(), e.detail());
	}

	/**
	 * The protocol's name of an outcome ({@code FAILURE} for
	 * {@link AuditOutcome#FAILED}).
	 */
	static String protocolOutcome(AuditOutcome outcome) {
		return outcome == AuditOutcome.FAILED ? "FAILURE" : outcome.name();
	}

	/** The outcome the protocol names, or null when it names none. */
	static @Nullable AuditOutcome outcome(String protocolName) {
		for (AuditOutcome outcome : AuditOutcome.values()) {
			if (protocolOutcome(outcome).equals(protocolName)) {
				return outcome;
			}
		}
		return null;
	}

}
