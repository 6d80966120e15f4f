package continuum.security;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** What it takes to create an account; validated on construction. */
public record NewStaffMember(String username, String password, Role role, String familyName, String givenName,
		@Nullable String prefix) {

	/** The fewest characters a password may have. */
	public static final int MINIMUM_PASSWORD = 8;

	public NewStaffMember {
		if (username == null || !username.matches("[a-z][a-z0-9._-]{1,63}")) {
			throw new InvalidInputException("username must be 2-64 lower-case letters, digits, '.', '_' or '-'");
		}
		if (password == null || password.length() < MINIMUM_PASSWORD) {
			throw new InvalidInputException("password must have at least " + MINIMUM_PASSWORD + " characters");
		}
		if (role == null || familyName == null || familyName.isBlank() || givenName == null || givenName.isBlank()) {
			throw new InvalidInputException("role, family name and given name are required");
		}
		if (familyName.length() > 100 || givenName.length() > 100 || prefix != null && prefix.length() > 20) {
			throw new InvalidInputException("names have at most 100 characters, a title at most 20");
		}
	}

}
