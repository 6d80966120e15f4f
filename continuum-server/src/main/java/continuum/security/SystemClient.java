package continuum.security;

import java.time.Instant;
import java.util.List;

/**
 * A system client: its id (the username of its SYSTEM account), its public keys as a JWK
 * Set (public members only), the {@code system/} scopes it was registered with, and who
 * registered it when.
 */
public record SystemClient(String clientId, String jwks, List<String> scopes, Instant registeredAt,
		String registeredBy) {

	public SystemClient {
		scopes = List.copyOf(scopes);
	}

}
