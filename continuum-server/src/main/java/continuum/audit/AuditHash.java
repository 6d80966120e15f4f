package continuum.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The chain link: SHA-256 over the previous link's hash and every field of the row, each
 * length-prefixed so that no two different rows can serialise to the same bytes.
 */
final class AuditHash {

	static final byte[] GENESIS = new byte[32];

	private AuditHash() {
	}

	static byte[] of(byte[] previous, long chainSeq, AuditRecord row) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(previous);
			field(digest, Long.toString(chainSeq));
			field(digest, Long.toString(row.id()));
			field(digest, micros(row.recordedAt()));
			field(digest, row.username());
			field(digest, row.role());
			field(digest, row.action().name());
			field(digest, row.resourceType());
			field(digest, row.resourceId());
			field(digest, row.patientId());
			field(digest, row.outcome().name());
			field(digest, row.address());
			field(digest, row.detail());
			return digest.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

	private static String micros(Instant instant) {
		return instant.getEpochSecond() + "." + (instant.getNano() / 1000);
	}

	private static void field(MessageDigest digest, @Nullable String value) {
		if (value == null) {
			digest.update((byte) 0);
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		digest.update((byte) 1);
		digest.update(new byte[] { (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
				(byte) (bytes.length >>> 8), (byte) bytes.length });
		digest.update(bytes);
	}

}
