package continuum.security;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps compute them: HMAC-SHA1,
 * 30-second steps counted from the Unix epoch, 6 digits (the HOTP dynamic truncation of
 * RFC 4226 §5.3). A code is accepted one step either side of now, for clocks that drift
 * and codes typed as they roll over (RFC 6238 §5.2), and only for a step after the last
 * one accepted, so that a code used once is not accepted again.
 */
final class Totp {

	/** Seconds per step (RFC 6238 §4.1, X). */
	static final int STEP_SECONDS = 30;

	static final int DIGITS = 6;

	/** Steps accepted either side of the current one. */
	static final int TOLERANCE = 1;

	private Totp() {
	}

	/** The step (T of RFC 6238 §4.2) that {@code at} falls in. */
	static long step(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
	}

	/** The 6-digit code of an authenticator app for {@code step}. */
	static String code(byte[] secret, long step) {
		return code(secret, step, "HmacSHA1", DIGITS);
	}

	/**
	 * The code for {@code step} with the HMAC and number of digits RFC 6238 allows
	 * (HmacSHA1, HmacSHA256, HmacSHA512; 6 to 8 digits): its Appendix B vectors use 8.
	 */
	static String code(byte[] secret, long step, String hmac, int digits) {
		byte[] hash;
		try {
			Mac mac = Mac.getInstance(hmac);
			mac.init(new SecretKeySpec(secret, hmac));
			hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("No " + hmac + " in this Java runtime", ex);
		}
		int offset = hash[hash.length - 1] & 0x0f;
		int binary = (hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16 | (hash[offset + 2] & 0xff) << 8
				| hash[offset + 3] & 0xff;
		int modulus = 1;
		for (int i = 0; i < digits; i++) {
			modulus *= 10;
		}
		String code = Integer.toString(binary % modulus);
		return "0".repeat(digits - code.length()) + code;
	}

	/**
	 * The step within {@link #TOLERANCE} of {@code now} whose code is {@code code} and
	 * which comes after {@code lastUsedStep}, or empty. Every candidate is compared, in
	 * constant time, so that the answer's timing says nothing about which step matched.
	 */
	static OptionalLong match(byte[] secret, String code, Instant now, long lastUsedStep) {
		if (code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
			return OptionalLong.empty();
		}
		long current = step(now);
		long matched = -1;
		for (long step = current - TOLERANCE; step <= current + TOLERANCE; step++) {
			boolean equal = MessageDigest.isEqual(code(secret, step).getBytes(), code.getBytes());
			if (equal && step > lastUsedStep && matched < 0) {
				matched = step;
			}
		}
		return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
	}

}
