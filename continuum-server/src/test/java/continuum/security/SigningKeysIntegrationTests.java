package continuum.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import continuum.ContinuumIntegrationTest;
import continuum.ExternalTestDatabase;
import continuum.fhir.FhirTestSupport;
import continuum.platform.PlatformSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * API tokens are ES256 JWTs with a {@code kid}: each node signs under a private key of
 * its own in its data directory, rotated on schedule, and verifies every node's tokens
 * with the public keys in the database, which {@code /.well-known/jwks.json} publishes.
 * Nodes here are {@link SigningKeys} of their own with a clock the test moves, set months
 * back so that their keys never touch the running server's.
 */
@ContinuumIntegrationTest
class SigningKeysIntegrationTests {

	private static final Duration LIFETIME = Duration.ofMinutes(15);

	private static final Duration ROTATION = Duration.ofDays(30);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StaffService staff;

	@Autowired
	PlatformSettings platform;

	@TempDir
	Path keyDirectory;

	final HttpClient http = HttpClient.newHttpClient();

	private Instant now = Instant.now().minus(Duration.ofDays(200)).truncatedTo(ChronoUnit.HOURS);

	private final Clock clock = new Clock() {
		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	};

	private final SecuritySettings settings = new SecuritySettings(5, Duration.ofMinutes(15), LIFETIME,
			Duration.ofHours(12));

	private SigningKeys keys(String node) {
		return new SigningKeys(new NodeSigningKeyFile(keyDirectory.resolve(node + ".json")),
				new SigningKeyRepository(jdbc), clock, new SigningKeySettings(ROTATION), LIFETIME);
	}

	private TokenService node(SigningKeys keys) {
		return new TokenService(new StaffRepository(jdbc), keys, clock, settings, new AppGrantRepository(jdbc));
	}

	private String account() {
		String username = "keys." + Long.toString(System.nanoTime() % 1_000_000, 36);
		staff.createInitial(new NewStaffMember(username, "een-goed-wachtwoord", Role.NURSE, "Sleutelaar", "An", null));
		return username;
	}

	private String issue(TokenService node, String username) {
		return node.issue(username, Role.NURSE, List.of("user/Patient.rs"), 1).value();
	}

	private static String kid(String token) throws Exception {
		return SignedJWT.parse(token).getHeader().getKeyID();
	}

	@Test
	void rotationStartsANewKeyAndKeepsTheOldOnesTokensValidUntilTheyExpire() throws Exception {
		String username = account();
		SigningKeys issuerKeys = keys("issuer");
		TokenService issuer = node(issuerKeys);
		TokenService other = node(keys("other"));
		String first = issue(issuer, username);
		assertThat(other.authenticate(first)).as("another node verifies by kid").isPresent();

		now = now.plus(ROTATION).minusSeconds(60);
		String lastOfOldKey = issue(issuer, username);
		assertThat(kid(lastOfOldKey)).isEqualTo(kid(first));
		ECKey oldKey = issuerKeys.signingKey();

		now = now.plusSeconds(120);
		String firstOfNewKey = issue(issuer, username);
		assertThat(kid(firstOfNewKey)).as("rotated").isNotEqualTo(kid(first));
		assertThat(Files.readString(keyDirectory.resolve("issuer.json"))).contains(kid(firstOfNewKey))
			.doesNotContain(kid(first));
		assertThat(other.authenticate(lastOfOldKey)).as("the old key's last token, on another node").isPresent();
		assertThat(node(keys("third")).authenticate(lastOfOldKey)).as("on a node that never saw it").isPresent();
		assertThat(other.authenticate(firstOfNewKey)).isPresent();

		String forgedLate = sign(oldKey, claims(username, now, now.plus(Duration.ofHours(2))));
		assertThat(node(keys("third")).authenticate(forgedLate)).as("expiring after the old key's last token")
			.isEmpty();

		now = now.plus(LIFETIME);
		assertThat(other.authenticate(lastOfOldKey)).as("expired").isEmpty();
		String retiredKeysToken = sign(oldKey, claims(username, now, now.plus(Duration.ofMinutes(10))));
		assertThat(node(keys("fourth")).authenticate(retiredKeysToken)).as("signed by a retired key").isEmpty();
		assertThat(issuerKeys.publicKeys().getKeyByKeyId(kid(first))).as("no longer published").isNull();

		now = now.plus(ROTATION);
		issue(issuer, username);
		assertThat(jdbc.sql("select count(*) from token_public_key where kid = :kid")
			.param("kid", kid(first))
			.query(Long.class)
			.single()).as("removed at the next rotation").isZero();
	}

	@Test
	void refusesTokensOfUnknownKeysAndForgedHeaders() throws Exception {
		String username = account();
		SigningKeys keys = keys("node");
		TokenService node = node(keys);
		String genuine = issue(node, username);
		assertThat(node.authenticate(genuine)).isPresent();
		ECKey published = keys.publicKeys().getKeyByKeyId(kid(genuine)).toECKey();
		JWTClaimsSet claims = claims(username, now, now.plus(Duration.ofMinutes(10)));

		ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("unknown-" + System.nanoTime()).generate();
		assertThat(node.authenticate(sign(stranger, claims))).as("unknown kid").isEmpty();
		ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID(kid(genuine)).generate();
		assertThat(node.authenticate(sign(impostor, claims))).as("known kid, another key").isEmpty();

		String unsigned = new JWSHeaderless(claims).withHeader("{\"alg\":\"none\",\"kid\":\"" + kid(genuine) + "\"}");
		assertThat(node.authenticate(unsigned)).as("alg=none").isEmpty();

		SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid(genuine)).build(), claims);
		hmac.sign(new MACSigner(published.toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(node.authenticate(hmac.serialize())).as("HS256 with the public key as secret").isEmpty();
		SignedJWT hmacOnX = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid(genuine)).build(),
				claims);
		hmacOnX.sign(new MACSigner(published.toECPublicKey().getEncoded()));
		assertThat(node.authenticate(hmacOnX.serialize())).as("HS256 with the encoded public key").isEmpty();

		SignedJWT notAnAccessToken = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(kid(genuine)).build(), claims);
		notAnAccessToken.sign(new ECDSASigner(keys.signingKey()));
		assertThat(node.authenticate(notAnAccessToken.serialize())).as("typ JWT, not at+jwt").isEmpty();
		JWTClaimsSet otherAudience = new JWTClaimsSet.Builder(claims).audience("another-service").build();
		assertThat(node.authenticate(sign(keys.signingKey(), otherAudience))).as("another audience").isEmpty();
		JWTClaimsSet noAudience = new JWTClaimsSet.Builder(claims).audience((String) null).build();
		assertThat(node.authenticate(sign(keys.signingKey(), noAudience))).as("no audience").isEmpty();

		SignedJWT noKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(TokenService.TYPE).build(),
				claims);
		noKid.sign(new ECDSASigner(keys.signingKey()));
		assertThat(node.authenticate(noKid.serialize())).as("no kid").isEmpty();
		assertThat(node.authenticate(sign(keys.signingKey(), claims))).as("the same claims, rightly signed")
			.isPresent();
	}

	@Test
	void theServerRefusesForgedTokensWith401() throws Exception {
		String token = FhirTestSupport.token(port, "nurse");
		String kid = kid(token);
		SignedJWT real = SignedJWT.parse(token);
		JWTClaimsSet claims = real.getJWTClaimsSet();
		String unsigned = new JWSHeaderless(claims).withHeader("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}");
		JWK published = JWKSet.parse(jwks().body()).getKeyByKeyId(kid);
		SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
		hmac.sign(new MACSigner(published.toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(changes(token)).isEqualTo(403);
		assertThat(changes(unsigned)).isEqualTo(401);
		assertThat(changes(hmac.serialize())).isEqualTo(401);
	}

	@Test
	void theJwksPublishesThePublicKeysThatVerifyTheServersTokens() throws Exception {
		HttpResponse<String> response = jwks();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/jwk-set+json"));
		JWKSet set = JWKSet.parse(response.body());
		assertThat(set.getKeys()).isNotEmpty().allSatisfy(key -> {
			assertThat(key.isPrivate()).isFalse();
			assertThat(key.toJSONObject()).doesNotContainKey("d");
			assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
			assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		});
		List<String> valid = jdbc
			.sql("select kid from token_public_key where signs_until > now() - interval '15 minutes'")
			.query(String.class)
			.list();
		assertThat(set.getKeys()).extracting(JWK::getKeyID).containsExactlyInAnyOrderElementsOf(valid);

		String token = FhirTestSupport.token(port, "physician");
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(jwt.getHeader().getType()).isEqualTo(TokenService.TYPE);
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(TokenService.AUDIENCE);
		ECKey key = set.getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
		assertThat(jwt.verify(new ECDSAVerifier(key))).as("verified with the published key alone").isTrue();
	}

	/**
	 * The private key is in the node's data directory, readable by its user alone; the
	 * database holds public keys only, and the application's role can neither read the
	 * key's file through PostgreSQL nor rewrite a published key.
	 */
	@Test
	void theApplicationsRoleCannotReadPrivateKeyMaterial() throws Exception {
		FhirTestSupport.token(port, "nurse");
		Path file = Path.of(platform.data().dir()).resolve("secrets/token-signing-key.json").toAbsolutePath();
		assertThat(file).exists();
		assertThat(ECKey.parse(Files.readString(file)).isPrivate()).isTrue();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

		assertThat(jdbc.sql("select to_regclass('token_signing_key') is null").query(Boolean.class).single())
			.as("the old HMAC secret's table is gone")
			.isTrue();
		List<String> stored = jdbc.sql("select jwk from token_public_key").query(String.class).list();
		assertThat(stored).isNotEmpty().allSatisfy(jwk -> {
			ECKey key = ECKey.parse(jwk);
			assertThat(key.isPrivate()).isFalse();
			assertThat(key.toJSONObject()).doesNotContainKey("d");
		});
		assertThat(
				jdbc.sql("select count(*) from token_public_key where jwk like '%\"d\"%'").query(Long.class).single())
			.isZero();

		assumeFalse(ExternalTestDatabase.configured(), "an external database has no separate application role");
		assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("continuum_app");
		for (String statement : List.of("select pg_read_file('" + file + "')",
				"select pg_read_binary_file('" + file + "')", "update token_public_key set jwk = jwk",
				"truncate token_public_key")) {
			assertThatThrownBy(() -> jdbc.sql(statement).query().listOfRows()).as(statement)
				.isInstanceOf(DataAccessException.class)
				.rootCause()
				.hasMessageContaining("permission denied");
		}
		Set<String> columns = Set
			.copyOf(jdbc.sql("select column_name from information_schema.columns where table_name = 'token_public_key'")
				.query(String.class)
				.list());
		assertThat(columns).containsExactlyInAnyOrder("kid", "jwk", "created_at", "signs_until", "node");
	}

	private HttpResponse<String> jwks() throws Exception {
		return http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/.well-known/jwks.json")).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private int changes(String bearer) throws Exception {
		return http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/changes?after=0&limit=1"))
				.header("Authorization", "Bearer " + bearer)
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}

	private static JWTClaimsSet claims(String username, Instant issued, Instant expires) {
		return new JWTClaimsSet.Builder().issuer("continuum")
			.audience(TokenService.AUDIENCE)
			.subject(username)
			.issueTime(Date.from(issued))
			.expirationTime(Date.from(expires))
			.claim("role", "NURSE")
			.claim("scope", "user/Patient.rs")
			.claim("cv", 1)
			.build();
	}

	private static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(TokenService.TYPE).keyID(key.getKeyID()).build(),
				claims);
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	/** Claims under a header of the test's own making, with an empty signature. */
	private record JWSHeaderless(JWTClaimsSet claims) {

		String withHeader(String header) {
			return Base64URL.encode(header) + "." + Base64URL.encode(claims.toString()) + ".";
		}

	}

}
