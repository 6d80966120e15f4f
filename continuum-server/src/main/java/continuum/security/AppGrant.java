package continuum.security;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One authorization a user gave an app at its consent page: the scopes granted, the
 * patient in context, the web session it was given in (for {@code online_access}), the
 * version of the user's credentials then, and until when its refresh tokens may be used.
 * Its code, every access token and every refresh token issued under it name it; revoking
 * it ends them all.
 */
record AppGrant(UUID id, String clientId, String username, int credentialsVersion, List<String> scopes,
		@Nullable String patientId, @Nullable String sessionHash, Instant grantedAt, Instant expiresAt,
		@Nullable Instant revokedAt) {

	AppGrant {
		scopes = List.copyOf(scopes);
	}

}
