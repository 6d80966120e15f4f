package continuum.security;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** What it takes to create an account; validated on construction. */
public record NewStaffMember(String username, String password, Role role, String familyName, String givenName,
		@Nullable String prefix) {

	public NewStaffMember {
		if (username == null || !username.matches("[a-z][a-z0-9._-]{1,63}")) {
			throw new InvalidInputException("username must be 2-64 lower-case letters, digits, '.', '_' or '-'");
		}
		if (password == null || password.length() < 8) {
			throw new InvalidInputException("password must have at least 8 characters");
		}
		if (role == null || familyName == null || familyName.isBlank() || givenName == null || givenName.isBlank()) {
			throw new InvalidInputException("role, family name and given name are required");
		}
	}

}
