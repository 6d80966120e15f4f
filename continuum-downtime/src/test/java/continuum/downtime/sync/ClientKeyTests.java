package continuum.downtime.sync;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's own key pair: made once in its data directory (private key 0600), kept
 * across restarts, and signing ES384 client assertions that its public key verifies.
 */
class ClientKeyTests {

	@TempDir
	Path dataDir;

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void isMadeOnceWithAPrivateFileAndKeptAcrossRestarts() throws Exception {
		ClientKey first = ClientKey.in(dataDir);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("client-key.pem"))))
			.isEqualTo("rw-------");
		assertThat(first.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----").doesNotContain("PRIVATE");
		ClientKey again = ClientKey.in(dataDir);
		assertThat(again.publicKeyPem()).isEqualTo(first.publicKeyPem());
		assertThat(again.kid()).isEqualTo(first.kid()).matches("[A-Za-z0-9_-]{43}");
	}

	@Test
	void signsAnEs384AssertionItsPublicKeyVerifies() throws Exception {
		ClientKey key = ClientKey.in(dataDir);
		Instant now = Instant.parse("2026-12-07T10:00:00Z");
		String assertion = key.assertion("downtime-ward", "https://server.example/api/token", now);
		String[] parts = assertion.split("\\.");
		assertThat(parts).hasSize(3);
		JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
		assertThat(header.get("alg").asString()).isEqualTo("ES384");
		assertThat(header.get("kid").asString()).isEqualTo(key.kid());
		JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
		assertThat(claims.get("iss").asString()).isEqualTo("downtime-ward");
		assertThat(claims.get("sub").asString()).isEqualTo("downtime-ward");
		assertThat(claims.get("aud").asString()).isEqualTo("https://server.example/api/token");
		assertThat(claims.get("exp").asLong() - now.getEpochSecond()).isPositive().isLessThanOrEqualTo(300);
		assertThat(claims.get("jti").asString()).isNotBlank()
			.isNotEqualTo(json
				.readTree(Base64.getUrlDecoder()
					.decode(key.assertion("downtime-ward", "https://server.example/api/token", now).split("\\.")[1]))
				.get("jti")
				.asString());

		String pem = key.publicKeyPem().replaceAll("-----[A-Z ]+-----", "");
		Signature verifier = Signature.getInstance("SHA384withECDSAinP1363Format");
		verifier.initVerify(KeyFactory.getInstance("EC")
			.generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(pem))));
		verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
		assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
		assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(96);
	}

}
