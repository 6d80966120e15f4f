package continuum.security;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A staff account as a downtime node needs it to sign its user in without the server:
 * who, in which role, whether enabled, the password's hash as stored (never the
 * password), the credentials' version, and the lockout after repeated failures
 * ({@code lockedUntil}, null when not locked; {@code locked} whether it holds at the time
 * this was read), and whether it is one of the demo hospital's accounts, which share one
 * password ({@code demo}: a node refuses them unless it listens on loopback only).
 */
public record StaffAccount(long id, String username, String displayName, Role role, boolean enabled,
		String passwordHash, int credentialsVersion, boolean locked, @Nullable Instant lockedUntil, boolean demo) {
}
