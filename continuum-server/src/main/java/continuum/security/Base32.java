package continuum.security;

/**
 * Base32 without padding (RFC 4648 §6): the form authenticator apps take a TOTP secret
 * in, typed by hand or read from an {@code otpauth://} URI.
 */
final class Base32 {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private Base32() {
	}

	static String encode(byte[] bytes) {
		StringBuilder text = new StringBuilder((bytes.length * 8 + 4) / 5);
		int buffer = 0;
		int bits = 0;
		for (byte b : bytes) {
			buffer = buffer << 8 | b & 0xff;
			bits += 8;
			while (bits >= 5) {
				text.append(ALPHABET.charAt(buffer >> bits - 5 & 0x1f));
				bits -= 5;
			}
		}
		if (bits > 0) {
			text.append(ALPHABET.charAt(buffer << 5 - bits & 0x1f));
		}
		return text.toString();
	}

}
