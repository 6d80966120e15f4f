package continuum.smart;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a SMART app does over HTTP, for tests: PKCE pairs (RFC 7636), authorization
 * request paths, the token and revocation endpoints, and FHIR reads with its token.
 */
final class SmartTestClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	final int port;

	SmartTestClient(int port) {
		this.port = port;
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	String fhirBase() {
		return base() + "/fhir";
	}

	static String verifier() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String challenge(String verifier) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(
						MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code /oauth/authorize?...} with the parameters in order, each encoded. */
	static String authorizePath(Map<String, String> parameters) {
		return "/oauth/authorize?" + query(parameters);
	}

	/** The usual authorization request of an app. */
	Map<String, String> request(String clientId, String redirectUri, String scope, String state, String verifier) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("response_type", "code");
		parameters.put("client_id", clientId);
		parameters.put("redirect_uri", redirectUri);
		parameters.put("scope", scope);
		parameters.put("state", state);
		parameters.put("aud", fhirBase());
		parameters.put("code_challenge", challenge(verifier));
		parameters.put("code_challenge_method", "S256");
		return parameters;
	}

	HttpResponse<String> token(Map<String, String> form) throws Exception {
		return post("/api/token", form, null);
	}

	HttpResponse<String> post(String path, Map<String, String> form, String basic) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(query(form)));
		if (basic != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> fhir(String path, String accessToken) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(fhirBase() + path))
			.header("Authorization", "Bearer " + accessToken)
			.header("Accept", "application/fhir+json")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/** The query parameters of a redirect's {@code Location}, decoded. */
	static Map<String, String> queryOf(String location) {
		Map<String, String> parameters = new LinkedHashMap<>();
		int question = location.indexOf('?');
		if (question < 0) {
			return parameters;
		}
		for (String pair : location.substring(question + 1).split("&")) {
			int equals = pair.indexOf('=');
			parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

	private static String query(Map<String, String> parameters) {
		return parameters.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
