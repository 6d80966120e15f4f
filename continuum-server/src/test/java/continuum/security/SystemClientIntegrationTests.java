package continuum.security;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import continuum.ContinuumIntegrationTest;
import continuum.web.WebSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * System clients obtain tokens with the client-credentials grant and a signed JWT
 * assertion (RFC 7523, SMART Backend Services), registered by an administrator with their
 * public key and scopes; a replayed, expired, misaddressed or badly signed assertion is
 * refused as {@code invalid_client} and audited; a registered client's account is refused
 * the password grant.
 */
@ContinuumIntegrationTest
class SystemClientIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StaffService staff;

	@Autowired
	SystemClientService clients;

	final HttpClient http = HttpClient.newHttpClient();

	final ObjectMapper json = new ObjectMapper();

	private String tokenUrl() {
		return "http://127.0.0.1:" + port + "/api/token";
	}

	private static String clientId() {
		return "client-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
	}

	private static KeyPair ecKeyPair(String curve) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec(curve));
		return generator.generateKeyPair();
	}

	private static String pem(KeyPair pair) {
		return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
	}

	private HttpResponse<String> register(WebSession admin, String clientId, String keys, String scopes)
			throws Exception {
		admin.get("/admin/clients");
		return admin.post("/admin/clients", Map.of("clientId", clientId, "keys", keys, "scopes", scopes));
	}

	private JWTClaimsSet.Builder claims(String clientId) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(clientId)
			.subject(clientId)
			.audience(tokenUrl())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(4))))
			.jwtID(UUID.randomUUID().toString());
	}

	private static String sign(JWSAlgorithm algorithm, String kid, JWSSigner signer, JWTClaimsSet claims)
			throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), claims);
		jwt.sign(signer);
		return jwt.serialize();
	}

	private HttpResponse<String> clientToken(String assertion, String scope) throws Exception {
		String form = "grant_type=client_credentials&client_assertion_type="
				+ URLEncoder.encode(ClientAssertions.JWT_BEARER, StandardCharsets.UTF_8) + "&client_assertion="
				+ assertion + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
		return post("/api/token", form);
	}

	private HttpResponse<String> post(String path, String form) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private int get(String path, String bearer) throws Exception {
		return http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Authorization", "Bearer " + bearer)
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}

	private long audited(String detail) {
		return jdbc
			.sql("select count(*) from audit_log where action = 'TOKEN' and outcome = 'DENIED' "
					+ "and detail = :detail")
			.param("detail", detail)
			.query(Long.class)
			.single();
	}

	@Test
	void aRegisteredClientObtainsTokensWithASignedAssertionWithinItsScopes() throws Exception {
		String clientId = clientId();
		KeyPair pair = ecKeyPair("secp384r1");
		WebSession admin = WebSession.signIn(port, "admin");
		HttpResponse<String> registered = register(admin, clientId, pem(pair),
				"system/ChangeFeed.rs system/Patient.rs");
		assertThat(registered.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(registered)).endsWith("/admin/clients?registered=" + clientId);
		assertThat(admin.get("/admin/clients").body()).contains(clientId).contains("system/ChangeFeed.rs");
		String kid = new ECKey.Builder(Curve.P_384, (java.security.interfaces.ECPublicKey) pair.getPublic()).build()
			.computeThumbprint()
			.toString();
		assertThat(jdbc
			.sql("select detail from audit_log where action = 'CREATE' and resource_type = 'Practitioner' "
					+ "and username = 'admin' and detail like :detail")
			.param("detail", "registered as a system client: keys " + kid + "%")
			.query(String.class)
			.list()).hasSize(1);

		ECDSASigner signer = new ECDSASigner(pair.getPrivate(), Curve.P_384);
		HttpResponse<String> response = clientToken(sign(JWSAlgorithm.ES384, kid, signer, claims(clientId).build()),
				null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.get("scope").asString()).isEqualTo("system/ChangeFeed.rs system/Patient.rs");
		String token = body.get("access_token").asString();
		assertThat(get("/api/changes?after=0&limit=1", token)).isEqualTo(200);
		assertThat(get("/fhir/Encounter?_count=1", token)).as("not registered for Encounter").isEqualTo(403);

		JsonNode fewer = json
			.readTree(clientToken(sign(JWSAlgorithm.ES384, kid, signer, claims(clientId).build()), "system/Patient.r")
				.body());
		assertThat(fewer.get("scope").asString()).isEqualTo("system/Patient.r");
		HttpResponse<String> more = clientToken(sign(JWSAlgorithm.ES384, kid, signer, claims(clientId).build()),
				"system/Encounter.rs");
		assertThat(more.statusCode()).isEqualTo(400);
		assertThat(json.readTree(more.body()).get("error").asString()).isEqualTo("invalid_scope");
		HttpResponse<String> user = clientToken(sign(JWSAlgorithm.ES384, kid, signer, claims(clientId).build()),
				"user/Patient.rs");
		assertThat(json.readTree(user.body()).get("error").asString()).isEqualTo("invalid_scope");
	}

	@Test
	void refusesReplayedExpiredMisaddressedAndBadlySignedAssertions() throws Exception {
		String clientId = clientId();
		KeyPair pair = ecKeyPair("secp384r1");
		assertThat(register(WebSession.signIn(port, "admin"), clientId, pem(pair), "").statusCode()).isEqualTo(302);
		ECDSASigner signer = new ECDSASigner(pair.getPrivate(), Curve.P_384);
		String kid = null;

		String once = sign(JWSAlgorithm.ES384, kid, signer, claims(clientId).build());
		assertThat(clientToken(once, null).statusCode()).isEqualTo(200);
		long replays = audited("client assertion refused: the client assertion's jti was used before");
		assertRefused(once, "replayed");
		assertThat(audited("client assertion refused: the client assertion's jti was used before"))
			.isEqualTo(replays + 1);

		Instant now = Instant.now();
		assertRefused(sign(JWSAlgorithm.ES384, kid, signer,
				claims(clientId).expirationTime(Date.from(now.minusSeconds(5))).build()), "expired");
		assertRefused(
				sign(JWSAlgorithm.ES384, kid, signer,
						claims(clientId).expirationTime(Date.from(now.plus(Duration.ofMinutes(20)))).build()),
				"exp too far");
		assertRefused(sign(JWSAlgorithm.ES384, kid, signer, claims(clientId).expirationTime(null).build()), "no exp");
		assertRefused(sign(JWSAlgorithm.ES384, kid, signer, claims(clientId).jwtID(null).build()), "no jti");
		assertRefused(sign(JWSAlgorithm.ES384, kid, signer,
				claims(clientId).audience("http://elsewhere.example/api/token").build()), "another audience");
		assertRefused(sign(JWSAlgorithm.ES384, kid, signer, claims(clientId).subject("admin").build()), "sub not iss");
		assertRefused(sign(JWSAlgorithm.ES384, kid, signer, claims("nobody-registered").build()), "unknown client");
		assertRefused(sign(JWSAlgorithm.ES384, kid, new ECDSASigner(ecKeyPair("secp384r1").getPrivate(), Curve.P_384),
				claims(clientId).build()), "another key");
		assertRefused(sign(JWSAlgorithm.ES384, "no-such-kid", signer, claims(clientId).build()), "unknown kid");
		assertRefused(sign(JWSAlgorithm.HS256, kid, new MACSigner(pem(pair).getBytes(StandardCharsets.UTF_8)),
				claims(clientId).build()), "HS256 with the public key");
		String unsigned = com.nimbusds.jose.util.Base64URL.encode("{\"alg\":\"none\"}") + "."
				+ com.nimbusds.jose.util.Base64URL.encode(claims(clientId).build().toString()) + ".";
		assertRefused(unsigned, "alg=none");
		assertRefused("not-a-jwt", "garbage");

		HttpResponse<String> wrongType = post("/api/token",
				"grant_type=client_credentials&client_assertion_type=urn%3Aexample&client_assertion="
						+ sign(JWSAlgorithm.ES384, kid, signer, claims(clientId).build()));
		assertThat(wrongType.statusCode()).isEqualTo(401);
		HttpResponse<String> missing = post("/api/token", "grant_type=client_credentials");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(json.readTree(missing.body()).get("error").asString()).isEqualTo("invalid_request");
		HttpResponse<String> unsupported = post("/api/token",
				"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=x");
		assertThat(json.readTree(unsupported.body()).get("error").asString()).isEqualTo("unsupported_grant_type");
	}

	private void assertRefused(String assertion, String why) throws Exception {
		HttpResponse<String> response = clientToken(assertion, null);
		assertThat(response.statusCode()).as(why).isEqualTo(401);
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("error").asString()).as(why).isEqualTo("invalid_client");
		assertThat(body.has("access_token")).isFalse();
		assertThat(response.body()).as(why).doesNotContain("Exception").doesNotContain("at continuum.");
	}

	@Test
	void acceptsRs384UnderARegisteredJwkSetAndRefusesTheAccountsPassword() throws Exception {
		String clientId = clientId();
		staff.createInitial(
				new NewStaffMember(clientId, "een-interface-wachtwoord", Role.SYSTEM, "Interface", "Lab", null));
		assertThat(post("/api/token", "username=" + clientId + "&password=een-interface-wachtwoord").statusCode())
			.as("before registration")
			.isEqualTo(200);
		RSAKey rsa = new RSAKeyGenerator(2048).keyID("lab-2026").generate();
		assertThat(register(WebSession.signIn(port, "admin"), clientId, new JWKSet(rsa.toPublicJWK()).toString(),
				"system/ImagingStudy.crs system/Observation.crs")
			.statusCode()).isEqualTo(302);

		HttpResponse<String> response = clientToken(
				sign(JWSAlgorithm.RS384, "lab-2026", new RSASSASigner(rsa), claims(clientId).build()), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(json.readTree(response.body()).get("scope").asString()).as("within the SYSTEM role's letters")
			.isEqualTo("system/ImagingStudy.crs system/Observation.rs");

		HttpResponse<String> password = post("/api/token",
				"username=" + clientId + "&password=een-interface-wachtwoord");
		assertThat(password.statusCode()).isEqualTo(401);
		assertThat(json.readTree(password.body()).get("error").asString()).isEqualTo("invalid_grant");
		assertThat(jdbc
			.sql("select count(*) from audit_log where username = :u and action = 'TOKEN' "
					+ "and outcome = 'DENIED' and detail like 'password grant refused%'")
			.param("u", clientId)
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void theOperatorsCommandRegistersAClientFromAKeyFile(@TempDir Path dir) throws Exception {
		String clientId = clientId();
		KeyPair pair = ecKeyPair("secp384r1");
		Path file = dir.resolve("node.pem");
		Files.writeString(file, pem(pair));
		ClientRegisterCommand command = new ClientRegisterCommand(clients);
		command.run(new DefaultApplicationArguments("--continuum.command=client-register", clientId, file.toString(),
				"system/ChangeFeed.rs"));
		assertThat(command.getExitCode()).isZero();
		HttpResponse<String> response = clientToken(sign(JWSAlgorithm.ES384, null,
				new ECDSASigner(pair.getPrivate(), Curve.P_384), claims(clientId).build()), null);
		assertThat(json.readTree(response.body()).get("scope").asString()).isEqualTo("system/ChangeFeed.rs");

		Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
		command.run(new DefaultApplicationArguments(clientId, file.toString()));
		assertThat(command.getExitCode()).as("a private key is refused").isEqualTo(ClientRegisterCommand.REFUSED);
		command.run(new DefaultApplicationArguments(clientId));
		assertThat(command.getExitCode()).as("usage").isEqualTo(ClientRegisterCommand.REFUSED);
	}

	@Test
	void onlyAdministratorsRegisterClientsAndNeverAPrivateKey() throws Exception {
		WebSession nurse = WebSession.signIn(port, "nurse");
		assertThat(nurse.get("/admin/clients").statusCode()).isEqualTo(403);
		String clientId = clientId();
		ECKey full = new ECKey.Builder(Curve.P_256,
				(java.security.interfaces.ECPublicKey) ecKeyPair("secp256r1").getPublic())
			.build();
		KeyPair pair = ecKeyPair("secp256r1");
		ECKey withPrivate = new ECKey.Builder(Curve.P_256, (java.security.interfaces.ECPublicKey) pair.getPublic())
			.privateKey(pair.getPrivate())
			.build();
		WebSession admin = WebSession.signIn(port, "admin");
		HttpResponse<String> refused = register(admin, clientId, new JWKSet(withPrivate).toString(false), "");
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("private key");
		assertThat(register(admin, clientId, full.toJSONString(), "user/Patient.rs").statusCode()).isEqualTo(422);
		assertThat(register(admin, "physician", full.toJSONString(), "").statusCode()).as("not a SYSTEM account")
			.isEqualTo(422);
		assertThat(jdbc.sql("select count(*) from system_client where client_id in (:a, 'physician')")
			.param("a", clientId)
			.query(Long.class)
			.single()).isZero();
	}

}
