package continuum.security.web;

import org.jspecify.annotations.Nullable;

/** The new-account form as typed, kept to show it again with its mistakes. */
record StaffForm(@Nullable String username, @Nullable String prefix, @Nullable String givenName,
		@Nullable String familyName, @Nullable String role, @Nullable String password, @Nullable String confirm,
		@Nullable Boolean changeRequired) {

	/** An empty form; its user will have to choose their own password unless unticked. */
	static StaffForm empty() {
		return new StaffForm("", "", "", "", "", "", "", true);
	}

	/**
	 * Whether the user must choose their own password (an unticked box sends nothing).
	 */
	public boolean requiresChange() {
		return Boolean.TRUE.equals(changeRequired);
	}

	/** The form to show again: passwords are never sent back to the browser. */
	StaffForm withoutPasswords() {
		return new StaffForm(username, prefix, givenName, familyName, role, "", "", changeRequired);
	}

}
