package continuum.smart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The SMART configuration (SMART App Launch 2 "Conformance", {@code .well-known}
 * discovery): the endpoints with absolute URLs as this request reached the server, and
 * exactly the capabilities built. No {@code openid}/{@code fhirUser} (no id_token is
 * issued), no {@code sso-openid-connect}; confidential apps authenticate with a client
 * secret ({@code client-confidential-symmetric}), public ones with PKCE alone.
 */
public final class SmartDiscovery {

	/** The capabilities built, nothing more. */
	public static final List<String> CAPABILITIES = List.of("launch-ehr", "launch-standalone", "client-public",
			"client-confidential-symmetric", "context-ehr-patient", "context-standalone-patient", "permission-v1",
			"permission-v2", "permission-patient", "permission-user", "permission-offline", "permission-online");

	/** The authorization endpoint's path. */
	public static final String AUTHORIZE_PATH = "/oauth/authorize";

	private SmartDiscovery() {
	}

	/** The FHIR base URL as the request reached the server: what {@code aud} must be. */
	public static String fhirBase(HttpServletRequest request) {
		return ServletUriComponentsBuilder.fromContextPath(request).path("/fhir").toUriString();
	}

	/** The document. */
	static Map<String, Object> document(HttpServletRequest request) {
		String base = ServletUriComponentsBuilder.fromContextPath(request).toUriString();
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("authorization_endpoint", base + AUTHORIZE_PATH);
		document.put("token_endpoint", base + "/api/token");
		document.put("revocation_endpoint", base + "/api/token/revoke");
		document.put("jwks_uri", base + "/.well-known/jwks.json");
		document.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
		document.put("token_endpoint_auth_methods_supported",
				List.of("none", "client_secret_basic", "client_secret_post", "private_key_jwt"));
		document.put("token_endpoint_auth_signing_alg_values_supported",
				List.of("ES256", "ES384", "ES512", "RS256", "RS384", "RS512"));
		document.put("code_challenge_methods_supported", List.of("S256"));
		document.put("response_types_supported", List.of("code"));
		document.put("scopes_supported", List.of("launch", "launch/patient", "offline_access", "online_access",
				"patient/*.cruds", "patient/*.rs", "user/*.cruds", "user/*.rs", "system/*.rs"));
		document.put("capabilities", CAPABILITIES);
		return document;
	}

}
