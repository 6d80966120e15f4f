package continuum.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque secret values (client secrets, launches, authorization codes, refresh tokens):
 * 256 random bits from a CSPRNG, base64url without padding, stored only as their SHA-256
 * in hex. A slow hash would add nothing: the value is random, not chosen by a person.
 */
final class OpaqueTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private OpaqueTokens() {
	}

	static String newValue() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String value) {
		return HexFormat.of().formatHex(sha256(value.getBytes(StandardCharsets.UTF_8)));
	}

	/** Compares in time that does not depend on where the values differ. */
	static boolean sameHash(String value, String storedHash) {
		return MessageDigest.isEqual(hash(value).getBytes(StandardCharsets.US_ASCII),
				storedHash.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * The PKCE S256 challenge of a verifier (RFC 7636 §4.2): base64url without padding of
	 * the verifier's ASCII bytes' SHA-256.
	 */
	static String s256(String verifier) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
