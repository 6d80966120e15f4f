package continuum.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import continuum.ContinuumIntegrationTest;
import continuum.changes.ChangeFeed;
import continuum.fhir.FhirTestSupport;
import continuum.web.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Actuator as operators and orchestrators use it: public health with liveness and
 * readiness groups (the database in readiness) and no details for whoever may not read
 * metrics; the Prometheus scrape for IT operations and administrators only, with the
 * request metrics and Continuum's own gauges; nothing else exposed.
 */
@ContinuumIntegrationTest
class HealthAndMetricsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ChangeFeed changeFeed;

	@Autowired
	SampledGauges gauges;

	final HttpClient http = HttpClient.newHttpClient();

	final ObjectMapper json = new ObjectMapper();

	@Test
	void healthAndItsProbesAnswerEveryoneUpWithoutDetails() throws Exception {
		for (String path : new String[] { "/actuator/health", "/actuator/health/liveness",
				"/actuator/health/readiness" }) {
			HttpResponse<String> response = get(path, null);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path).contains("json");
			assertThat(response.headers().firstValue("Set-Cookie")).as("a session opened by %s", path).isEmpty();
			JsonNode health = json.readTree(response.body());
			assertThat(health.get("status").asString()).as(path).isEqualTo("UP");
			assertThat(health.has("components")).as("components of %s shown to anonymous", path).isFalse();
			assertThat(health.has("details")).as("details of %s shown to anonymous", path).isFalse();
		}
		WebSession nurse = WebSession.signIn(port, "nurse");
		JsonNode health = json.readTree(nurse.get("/actuator/health").body());
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.has("components")).as("details for a role that does not read metrics").isFalse();
	}

	@Test
	void readinessIncludesTheDatabaseAndLivenessDoesNot() throws Exception {
		WebSession itops = WebSession.signIn(port, "itops");
		JsonNode readiness = json.readTree(itops.get("/actuator/health/readiness").body());
		assertThat(readiness.at("/components/db/status").asString()).isEqualTo("UP");
		assertThat(readiness.at("/components/readinessState/status").asString()).isEqualTo("UP");
		JsonNode liveness = json.readTree(itops.get("/actuator/health/liveness").body());
		assertThat(liveness.get("status").asString()).isEqualTo("UP");
		assertThat(liveness.at("/components/livenessState/status").asString()).isEqualTo("UP");
		assertThat(liveness.has("components") && liveness.get("components").has("db"))
			.as("a database outage must not get the process restarted")
			.isFalse();
		String token = FhirTestSupport.token(port, "admin");
		JsonNode health = json.readTree(get("/actuator/health", token).body());
		assertThat(health.at("/components/db/details/database").asString()).isEqualTo("PostgreSQL");
	}

	@Test
	void metricsNeedARoleThatReadsThem() throws Exception {
		HttpResponse<String> anonymous = get("/actuator/prometheus", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
		assertThat(anonymous.body()).doesNotContain("http_server_requests");

		long deniedBefore = deniedMetricsReads("scheduler");
		HttpResponse<String> scheduler = get("/actuator/prometheus", FhirTestSupport.token(port, "scheduler"));
		assertThat(scheduler.statusCode()).isEqualTo(403);
		assertThat(scheduler.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(json.readTree(scheduler.body()).get("status").asInt()).isEqualTo(403);
		assertThat(scheduler.body()).doesNotContain("http_server_requests");
		assertThat(deniedMetricsReads("scheduler")).as("the refusal is audited").isEqualTo(deniedBefore + 1);

		HttpResponse<String> itops = get("/actuator/prometheus", FhirTestSupport.token(port, "itops"));
		assertThat(itops.statusCode()).isEqualTo(200);
		assertThat(itops.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
		assertThat(WebSession.signIn(port, "admin").get("/actuator/prometheus").statusCode()).isEqualTo(200);
	}

	@Test
	void theScrapeCarriesRequestMetricsWithoutPatientIds() throws Exception {
		WebSession nurse = WebSession.signIn(port, "nurse");
		long patient = jdbc.sql("select min(id) from patient").query(Long.class).single();
		assertThat(nurse.get("/patients/" + patient).statusCode()).isEqualTo(200);
		assertThat(get("/fhir/Patient/" + patient, FhirTestSupport.token(port, "nurse")).statusCode()).isEqualTo(200);
		String metrics = WebSession.signIn(port, "itops").get("/actuator/prometheus").body();
		assertThat(metrics).contains("# TYPE http_server_requests_seconds histogram")
			.containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/patients/\\{id[^\"]*\\}\"")
			.containsPattern("http_server_requests_seconds_bucket\\{[^}]*le=\"0\\.25\"")
			// The FHIR servlet's requests, named by interaction as the pages are by
			// pattern.
			.containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"200\",uri=\"/fhir/Patient/\\{id\\}\"")
			.doesNotContain("uri=\"/patients/" + patient + "\"")
			.doesNotContain("Patient/" + patient);
	}

	@Test
	void theChangeFeedsHeadIsSampledIntoItsGauge() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			gauges.sampleAll();
			assertThat(scraped("continuum_changes_head")).isEqualTo(changeFeed.head());
		});
		assertThat(changeFeed.head()).as("the demo hospital's changes").isPositive();
	}

	@Test
	void theOutboxDepthCountsMessagesNotYetDelivered() throws Exception {
		long before = undelivered();
		String[] keys = { UUID.randomUUID().toString(), UUID.randomUUID().toString() };
		try {
			for (String key : keys) {
				// Due long after this test: no dispatcher claims them meanwhile.
				jdbc.sql(
						"""
								insert into notification_outbox (idempotency_key, patient_id, channel, recipient, language, kind,
								                                 reference, subject, body, status, next_attempt_at, created_at,
								                                 updated_at)
								values (cast(:key as uuid), (select min(id) from patient), 'email', 'depth@example.org', 'nl',
								        'APPOINTMENT_BOOKED', 'Appointment/1', 'Uw afspraak', 'Uw afspraak is bevestigd.',
								        'pending', timestamptz '2100-01-04 09:00+01', now(), now())""")
					.param("key", key)
					.update();
			}
			gauges.sampleAll();
			assertThat(scraped("continuum_notifications_outbox_depth")).isEqualTo(before + 2);
		}
		finally {
			jdbc.sql("delete from notification_outbox where idempotency_key = any(cast(:keys as uuid[]))")
				.param("keys", keys)
				.update();
		}
		gauges.sampleAll();
		assertThat(scraped("continuum_notifications_outbox_depth")).isEqualTo(undelivered());
	}

	@Test
	void nothingElseOfActuatorIsExposed() throws Exception {
		String admin = FhirTestSupport.token(port, "admin");
		for (String path : new String[] { "/actuator", "/actuator/env", "/actuator/beans", "/actuator/metrics",
				"/actuator/loggers", "/actuator/heapdump" }) {
			assertThat(get(path, null).statusCode()).as("anonymous %s", path).isEqualTo(401);
			HttpResponse<String> refused = get(path, admin);
			assertThat(refused.statusCode()).as("admin %s", path).isEqualTo(403);
			assertThat(refused.body()).doesNotContain("java.").doesNotContain("spring.");
		}
	}

	@Test
	void badRequestsUnderActuatorGetProblemDocuments() throws Exception {
		HttpResponse<String> nul = get("/actuator/health?probe=%00", null);
		assertThat(nul.statusCode()).isEqualTo(400);
		assertThat(nul.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(json.readTree(nul.body()).get("detail").asString()).contains("'probe'");
		HttpResponse<String> tooLong = get("/actuator/health?q=" + "x".repeat(9000), null);
		assertThat(tooLong.statusCode()).isEqualTo(414);
		assertThat(tooLong.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
	}

	private long scraped(String gauge) throws Exception {
		String metrics = get("/actuator/prometheus", FhirTestSupport.token(port, "itops")).body();
		Matcher line = Pattern.compile("(?m)^" + gauge + " (\\S+)$").matcher(metrics);
		assertThat(line.find()).as("%s in the scrape", gauge).isTrue();
		return (long) Double.parseDouble(line.group(1));
	}

	private long undelivered() {
		return jdbc.sql("select count(*) from notification_outbox where status in ('pending', 'sending', 'failed')")
			.query(Long.class)
			.single();
	}

	private long deniedMetricsReads(String username) {
		return jdbc.sql("""
				select count(*) from audit_log
				where username = :username and outcome = 'DENIED' and action = 'READ' and resource_type = 'Metrics'""")
			.param("username", username)
			.query(Long.class)
			.single();
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
