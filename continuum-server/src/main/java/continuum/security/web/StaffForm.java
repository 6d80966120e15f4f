package continuum.security.web;

import org.jspecify.annotations.Nullable;

/** The new-account form as typed, kept to show it again with its mistakes. */
record StaffForm(@Nullable String username, @Nullable String prefix, @Nullable String givenName,
		@Nullable String familyName, @Nullable String role, @Nullable String password, @Nullable String confirm) {

	static StaffForm empty() {
		return new StaffForm("", "", "", "", "", "", "");
	}

	/** The form to show again: passwords are never sent back to the browser. */
	StaffForm withoutPasswords() {
		return new StaffForm(username, prefix, givenName, familyName, role, "", "");
	}

}
