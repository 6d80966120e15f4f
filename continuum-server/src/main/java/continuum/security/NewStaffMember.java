package continuum.security;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** What it takes to create an account; validated on construction. */
public record NewStaffMember(String username, String password, Role role, String familyName, String givenName,
		@Nullable String prefix) {

	/** The fewest characters a password may have. */
	public static final int MINIMUM_PASSWORD = PasswordRule.MINIMUM;

	/**
	 * Whether the text is a valid username: 2 to 64 lower-case letters, digits, '.', '_'
	 * or '-', starting with a letter.
	 */
	public static boolean isUsername(@Nullable String text) {
		return text != null && text.matches("[a-z][a-z0-9._-]{1,63}");
	}

	public NewStaffMember {
		if (!isUsername(username)) {
			throw new InvalidInputException("username must be 2-64 lower-case letters, digits, '.', '_' or '-'");
		}
		if (password == null || password.length() < MINIMUM_PASSWORD
				|| password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > PasswordRule.MAXIMUM_BYTES) {
			throw new InvalidInputException("password must have at least " + MINIMUM_PASSWORD
					+ " characters and at most " + PasswordRule.MAXIMUM_BYTES + " bytes");
		}
		if (role == null || familyName == null || familyName.isBlank() || givenName == null || givenName.isBlank()) {
			throw new InvalidInputException("role, family name and given name are required");
		}
		if (familyName.length() > 100 || givenName.length() > 100 || prefix != null && prefix.length() > 20) {
			throw new InvalidInputException("names have at most 100 characters, a title at most 20");
		}
	}

}
