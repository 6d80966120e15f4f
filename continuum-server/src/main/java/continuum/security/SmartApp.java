package continuum.security;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An app registered for SMART App Launch: its client id and name, the redirect URIs its
 * authorization requests must name exactly, the URL the chart opens for an EHR launch
 * (none: standalone only), the scopes it may ever be granted, and whether it is
 * confidential (it authenticates with a client secret; otherwise public, with PKCE
 * alone).
 */
public record SmartApp(String clientId, String name, List<String> redirectUris, @Nullable String launchUrl,
		List<String> scopes, boolean confidential, Instant registeredAt, String registeredBy) {

	public SmartApp {
		redirectUris = List.copyOf(redirectUris);
		scopes = List.copyOf(scopes);
	}

}
