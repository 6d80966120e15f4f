package continuum.security;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A member of staff: a login account and, for FHIR, a Practitioner. Never carries the
 * password hash. A {@code demo} account belongs to the demo hospital and was created with
 * the password every demo account shares.
 */
public record StaffMember(long id, String username, Role role, String familyName, String givenName,
		@Nullable String prefix, boolean enabled, boolean demo, Instant updatedAt) {

	/** A member whose record's last change is not known (never stored). */
	public StaffMember(long id, String username, Role role, String familyName, String givenName,
			@Nullable String prefix, boolean enabled, boolean demo) {
		this(id, username, role, familyName, givenName, prefix, enabled, demo, Instant.EPOCH);
	}

	public String displayName() {
		return (prefix == null ? "" : prefix + " ") + givenName + " " + familyName;
	}

}
