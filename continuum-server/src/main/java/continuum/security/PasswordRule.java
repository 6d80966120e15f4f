package continuum.security;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a staff password must be: at least {@link #MINIMUM} characters, at most
 * {@link #MAXIMUM_BYTES} bytes (bcrypt reads no further, and Spring Security refuses to
 * hash more), not the username or containing it, and not one of the passwords that
 * guessing starts with. Length over composition rules, as NIST SP 800-63B advises.
 */
public final class PasswordRule {

	/** The fewest characters a password may have. */
	public static final int MINIMUM = 8;

	/** The most bytes (UTF-8) a password may have. */
	public static final int MAXIMUM_BYTES = 72;

	/**
	 * Passwords tried first by anyone guessing, in the languages of the hospital's staff
	 * (compared ignoring case).
	 */
	private static final Set<String> COMMON = Set.of("password", "password1", "password123", "passw0rd", "12345678",
			"123456789", "1234567890", "87654321", "11111111", "00000000", "qwertyui", "qwerty123", "azertyui",
			"azerty123", "abcd1234", "abc12345", "iloveyou", "welcome1", "welcome123", "letmein1", "sunshine",
			"princess", "football", "baseball", "welkom01", "welkom123", "wachtwoord", "wachtwoord1", "motdepasse",
			"bonjour1", "soleil123", "passwort", "passwort1", "hallo123", "changeme", "changeme1", "admin123",
			"administrator", "hospital", "hospital1", "ziekenhuis", "hopital1", "continuum", "continuum1", "test1234",
			"testtest", "summer2026", "winter2026", "zomer2026");

	private PasswordRule() {
	}

	/** Why the password is not acceptable for this account, or null if it is. */
	public static @Nullable String problem(@Nullable String password, @Nullable String username) {
		if (password == null || password.length() < MINIMUM) {
			return "Choose a password of at least " + MINIMUM + " characters.";
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAXIMUM_BYTES) {
			return "Choose a password of at most " + MAXIMUM_BYTES + " bytes (72 letters without accents).";
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
			return "Choose a password that does not contain the username.";
		}
		if (COMMON.contains(lower)) {
			return "This password is among the first anyone guessing would try. Choose another one.";
		}
		return null;
	}

}
