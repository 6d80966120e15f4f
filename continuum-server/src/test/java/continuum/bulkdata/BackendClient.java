package continuum.bulkdata;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import continuum.security.SystemClientService;
import tools.jackson.databind.ObjectMapper;

/**
 * A system client for tests (SMART Backend Services): a P-384 key pair of its own,
 * registered by the operator with the given scopes, that obtains tokens with a signed
 * assertion (ES384) at {@code /api/token}.
 */
final class BackendClient {

	private final String id;

	private final KeyPair keys;

	private final int port;

	private BackendClient(String id, KeyPair keys, int port) {
		this.id = id;
		this.keys = keys;
		this.port = port;
	}

	/**
	 * Registers a new client (a fresh id unless {@code id} is given) with these scopes.
	 */
	static BackendClient register(SystemClientService clients, int port, String id, String scopes) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp384r1"));
		KeyPair keys = generator.generateKeyPair();
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(keys.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		clients.registerAsOperator(id, pem, scopes, "test");
		return new BackendClient(id, keys, port);
	}

	static String newId() {
		return "bulk-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
	}

	String id() {
		return id;
	}

	/**
	 * A token from the client-credentials grant, with the scopes asked for (all if null).
	 */
	String token(String scope) throws Exception {
		String tokenUrl = "http://127.0.0.1:" + port + "/api/token";
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(id)
			.subject(id)
			.audience(tokenUrl)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(4))))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).build(), claims);
		jwt.sign(new ECDSASigner((ECPrivateKey) keys.getPrivate()));
		String form = "grant_type=client_credentials&client_assertion_type="
				+ URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
				+ "&client_assertion=" + jwt.serialize()
				+ (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(tokenUrl))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("No token for " + id + ": " + response.body());
		}
		return new ObjectMapper().readTree(response.body()).get("access_token").asString();
	}

}
