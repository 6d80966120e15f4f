package continuum.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key} on FHIR writes, over real HTTP: a retry under the same key
 * answers as the first request did and writes nothing; the key with another body is
 * refused; a key whose request failed lets the retry run; concurrent requests under one
 * key make one resource.
 */
@ContinuumIntegrationTest
class IdempotencyKeyIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IdempotencyKeyPruning pruning;

	final HttpClient http = HttpClient.newHttpClient();

	String token;

	@BeforeEach
	void signIn() {
		token = FhirTestSupport.token(port, "physician");
	}

	@Test
	void aRetryUnderTheSameKeyAnswersTheFirstOutcomeAndWritesOnce() throws Exception {
		String family = "Idem" + UUID.randomUUID().toString().substring(0, 8);
		String key = UUID.randomUUID().toString();
		HttpResponse<String> first = post("Patient", patient(family, null), key);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		assertThat(first.body()).contains("\"resourceType\":\"Patient\"");
		assertThat(first.headers().firstValue(IdempotencyFilter.REPLAYED)).isEmpty();
		String location = first.headers().firstValue("Location").orElseThrow();

		HttpResponse<String> retry = post("Patient", patient(family, null), key);
		assertThat(retry.statusCode()).isEqualTo(201);
		assertThat(retry.headers().firstValue("Location")).contains(location);
		assertThat(retry.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
		assertThat(retry.headers().firstValue(IdempotencyFilter.REPLAYED)).contains("true");
		assertThat(retry.body()).contains("\"resourceType\":\"OperationOutcome\"", "\"severity\":\"information\"",
				location.substring(location.indexOf("Patient/")));
		assertThat(patientsNamed(family)).isEqualTo(1);
	}

	@Test
	void theSameKeyWithAnotherBodyIsRefusedWith422AndWritesNothing() throws Exception {
		String family = "Idem" + UUID.randomUUID().toString().substring(0, 8);
		String key = UUID.randomUUID().toString();
		assertThat(post("Patient", patient(family, null), key).statusCode()).isEqualTo(201);
		HttpResponse<String> other = post("Patient", patient(family + "x", null), key);
		assertThat(other.statusCode()).isEqualTo(422);
		assertThat(other.body()).contains("\"resourceType\":\"OperationOutcome\"", "Idempotency-Key");
		assertThat(patientsNamed(family + "x")).isZero();
	}

	@Test
	void aKeyWhoseRequestFailedLetsTheRetryRun() throws Exception {
		String family = "Idem" + UUID.randomUUID().toString().substring(0, 8);
		String key = UUID.randomUUID().toString();
		HttpResponse<String> refused = post("Patient",
				patient(family, null).replace("\"gender\":\"female\"", "\"gender\":\"feminine\""), key);
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(countKeys(key)).isZero();
		HttpResponse<String> retry = post("Patient", patient(family, null), key);
		assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
		assertThat(retry.headers().firstValue(IdempotencyFilter.REPLAYED)).isEmpty();
		assertThat(patientsNamed(family)).isEqualTo(1);
		assertThat(countKeys(key)).isEqualTo(1);
	}

	@Test
	void concurrentRequestsUnderOneKeyMakeOneResource() throws Exception {
		String family = "Idem" + UUID.randomUUID().toString().substring(0, 8);
		String key = UUID.randomUUID().toString();
		ExecutorService pool = Executors.newFixedThreadPool(6);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<HttpResponse<String>>> answers = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			answers.add(pool.submit(() -> {
				go.await();
				return post("Patient", patient(family, null), key);
			}));
		}
		go.countDown();
		List<String> locations = new ArrayList<>();
		for (Future<HttpResponse<String>> answer : answers) {
			HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(201);
			locations.add(response.headers().firstValue("Location").orElseThrow());
		}
		pool.shutdown();
		assertThat(locations).containsOnly(locations.get(0));
		assertThat(patientsNamed(family)).isEqualTo(1);
	}

	@Test
	void aRetriedConditionalCreateFindsThePatientItMade() throws Exception {
		String family = "Idem" + UUID.randomUUID().toString().substring(0, 8);
		String value = UUID.randomUUID().toString();
		String condition = "identifier=urn:test:retry|" + value;
		HttpResponse<String> first = post("Patient", patient(family, value), null, "If-None-Exist", condition);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		HttpResponse<String> retry = post("Patient", patient(family, value), null, "If-None-Exist", condition);
		assertThat(retry.statusCode()).isEqualTo(200);
		assertThat(retry.body()).contains(first.headers()
			.firstValue("Location")
			.orElseThrow()
			.replaceAll(".*/Patient/([0-9]+)/.*", "\"id\":\"$1\""));
		assertThat(patientsNamed(family)).isEqualTo(1);
	}

	@Test
	void keysPastTheirRetentionArePrunedAndTheRestKept() {
		String old = UUID.randomUUID().toString();
		String fresh = UUID.randomUUID().toString();
		Instant now = Instant.now();
		for (String key : List.of(old, fresh)) {
			jdbc.sql("""
					insert into idempotency_key (principal, key, fingerprint, status, created_at)
					values ('pruning-test', :key, '\\x00', 201, :at)""")
				.param("key", key)
				.param("at", java.sql.Timestamp.from(key.equals(old) ? now.minus(Duration.ofHours(25)) : now))
				.update();
		}
		assertThat(pruning.prune()).isGreaterThanOrEqualTo(1);
		assertThat(countKeys(old)).isZero();
		assertThat(countKeys(fresh)).isEqualTo(1);
	}

	@Test
	void aMalformedKeyIsRefusedWith400() throws Exception {
		HttpResponse<String> response = post("Patient", patient("Idemmalformed", null), "a key with spaces");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"", "Idempotency-Key");
	}

	private HttpResponse<String> post(String path, String body, String key, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/" + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/fhir+json")
			.header("Accept", "application/fhir+json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (key != null) {
			request.header(IdempotencyFilter.HEADER, key);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String patient(String family, String identifier) {
		return "{\"resourceType\":\"Patient\","
				+ (identifier == null ? ""
						: "\"identifier\":[{\"system\":\"urn:test:retry\",\"value\":\"" + identifier + "\"}],")
				+ "\"name\":[{\"family\":\"" + family + "\",\"given\":[\"Anna\"]}],"
				+ "\"gender\":\"female\",\"birthDate\":\"1980-02-03\"}";
	}

	private long patientsNamed(String family) {
		return jdbc.sql("select count(*) from patient where family_name = :family")
			.param("family", family)
			.query(Long.class)
			.single();
	}

	private long countKeys(String key) {
		return jdbc.sql("select count(*) from idempotency_key where key = :key")
			.param("key", key)
			.query(Long.class)
			.single();
	}

}
