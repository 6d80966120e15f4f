package continuum.downtime.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The hash of a node audit entry (downtime protocol v1): SHA-256 over each field as
 * {@code <length in UTF-8 bytes>:<UTF-8 bytes>}, null as the empty string, in the order
 * previousHash, seq, at, username, action, resourceType, resourceId, patientId, outcome,
 * detail; lower-case hex.
 */
final class AuditHash {

	static final String GENESIS = "0".repeat(64);

	private AuditHash() {
	}

	static String of(String previousHash, long seq, String at, @Nullable String username, String action,
			@Nullable String resourceType, @Nullable String resourceId, @Nullable String patientId, String outcome,
			@Nullable String detail) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (String field : new String[] { previousHash, Long.toString(seq), at, username, action, resourceType,
					resourceId, patientId, outcome, detail }) {
				byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
				sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
				sha.update(bytes);
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
		}
	}

}
