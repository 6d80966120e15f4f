package continuum.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

import javax.crypto.Mac;

import org.jspecify.annotations.Nullable;

/**
 * The chain link: over the previous link's hash and every field of the row, each
 * length-prefixed so that no two different rows can serialise to the same bytes. Links
 * before the chain's switch position ({@code audit_chain_key}) are plain SHA-256, as they
 * were written before the audit key existed; links from it on are HMAC-SHA256 with the
 * audit key ({@link AuditKey}), which nobody without the key can recompute.
 */
final class AuditHash {

	static final byte[] GENESIS = new byte[32];

	/** First keyed position; {@link Long#MAX_VALUE} for a chain that is not keyed. */
	private final long keyedFrom;

	private final @Nullable Mac mac;

	private AuditHash(long keyedFrom, @Nullable Mac mac) {
		this.keyedFrom = keyedFrom;
		this.mac = mac;
	}

	/** The links of a chain keyed from {@code keyedFrom} on with {@code key}. */
	static AuditHash keyedFrom(long keyedFrom, AuditKey key) {
		return new AuditHash(keyedFrom, key.mac());
	}

	/** The links of a chain not keyed (a copy from before the key, or an unknown key). */
	static AuditHash unkeyed() {
		return new AuditHash(Long.MAX_VALUE, null);
	}

	/** The link at {@code chainSeq}, keyed or not as its position says. */
	byte[] link(byte[] previous, long chainSeq, AuditRecord row) {
		if (chainSeq >= this.keyedFrom && this.mac != null) {
			return this.mac.doFinal(bytes(previous, chainSeq, row));
		}
		return of(previous, chainSeq, row);
	}

	/** The plain SHA-256 link, as written before the chain was keyed. */
	static byte[] of(byte[] previous, long chainSeq, AuditRecord row) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes(previous, chainSeq, row));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

	private static byte[] bytes(byte[] previous, long chainSeq, AuditRecord row) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		out.writeBytes(previous);
		field(out, Long.toString(chainSeq));
		field(out, Long.toString(row.id()));
		field(out, micros(row.recordedAt()));
		field(out, row.username());
		field(out, row.role());
		field(out, row.action().name());
		field(out, row.resourceType());
		field(out, row.resourceId());
		field(out, row.patientId());
		field(out, row.outcome().name());
		field(out, row.address());
		field(out, row.detail());
		return out.toByteArray();
	}

	private static String micros(Instant instant) {
		return instant.getEpochSecond() + "." + (instant.getNano() / 1000);
	}

	private static void field(ByteArrayOutputStream out, @Nullable String value) {
		if (value == null) {
			out.write(0);
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.write(1);
		out.writeBytes(new byte[] { (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
				(byte) (bytes.length >>> 8), (byte) bytes.length });
		out.writeBytes(bytes);
	}

}
