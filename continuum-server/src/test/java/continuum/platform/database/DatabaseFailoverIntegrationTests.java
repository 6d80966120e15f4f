package continuum.platform.database;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import continuum.fhir.FhirTestSupport;
import continuum.platform.OutcomeUnknownException;
import continuum.web.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A server over a real PostgreSQL of the test's own, reached through a relay at a fixed
 * address (as a multi-host URL gives one for whichever server is the primary), that the
 * test stops and starts again, or makes wait on every commit for a synchronous standby
 * that does not exist. Requests during the outage fail within a bounded time with 503,
 * {@code Retry-After} and the door's own body; the pool finds the database again without
 * a restart; a commit cancelled while it waits for the standby (PostgreSQL keeps it and
 * answers with a warning) is an unknown outcome, never a success.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "continuum.demo.patients=20", "spring.lifecycle.timeout-per-shutdown-phase=2s" })
@ActiveProfiles("test")
@DirtiesContext
class DatabaseFailoverIntegrationTests {

	static Path directory;

	static EmbeddedPostgres postgres;

	static TcpProxy relay;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws IOException {
		directory = Files.createTempDirectory("continuum-failover-");
		postgres = startPostgres();
		relay = new TcpProxy(postgres.port());
		registry.add("continuum.db.url", () -> "jdbc:postgresql://127.0.0.1:" + relay.port() + "/continuum");
		registry.add("continuum.db.user", postgres::ownerUsername);
		registry.add("continuum.db.password", postgres::ownerPassword);
	}

	private static EmbeddedPostgres startPostgres() {
		EmbeddedPostgres started = new EmbeddedPostgres(directory,
				Path.of(System.getProperty("java.io.tmpdir"), "continuum-test-pgsql"), Duration.ofSeconds(120));
		started.start(false);
		return started;
	}

	@AfterAll
	static void stopDatabase() throws IOException {
		relay.close();
		postgres.close();
		org.springframework.util.FileSystemUtils.deleteRecursively(directory);
	}

	@Test
	void anOutageIsA503InEachDoorsFormAndThePoolFindsTheDatabaseAgain() throws Exception {
		String token = FhirTestSupport.token(port, "physician");
		WebSession browser = WebSession.signIn(port, "physician");
		assertThat(browser.get("/patients").statusCode()).isEqualTo(200);
		String family = "Outage" + UUID.randomUUID().toString().substring(0, 8);
		String key = UUID.randomUUID().toString();

		postgres.close();
		Duration took;
		try {
			long start = System.nanoTime();
			HttpResponse<String> create = fhir("POST", "Patient", patient(family), token, key);
			took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(create.statusCode()).as(create.body()).isEqualTo(503);
			assertThat(took).as("the failed create's wait").isLessThan(Duration.ofSeconds(12));
			assertThat(create.headers().firstValue("Retry-After")).contains("5");
			assertThat(create.headers().firstValue("Continuum-Write-Outcome")).contains("not-committed");
			assertThat(create.body()).contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"no-store\"",
					"Nothing was saved");
			assertClean(create.body());

			HttpResponse<String> read = fhir("GET", "Patient/1", null, token, null);
			assertThat(read.statusCode()).isEqualTo(503);
			assertThat(read.headers().firstValue("Retry-After")).contains("5");
			assertThat(read.headers().firstValue("Continuum-Write-Outcome")).isEmpty();
			assertThat(read.body()).contains("\"code\":\"no-store\"");
			assertClean(read.body());

			HttpResponse<String> page = browser.get("/patients");
			assertThat(page.statusCode()).isEqualTo(503);
			assertThat(page.headers().firstValue("Retry-After")).contains("5");
			assertThat(page.body()).contains("Try again in a few seconds");
			assertClean(page.body());
		}
		finally {
			postgres = startPostgres();
			relay.retarget(postgres.port());
		}
		long back = System.nanoTime();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> fhir("GET", "Patient/1", null, token, null).statusCode() == 200);
		System.out.printf(
				"Outage: a create failed with 503 after %d ms; the first read succeeded %d ms after the "
						+ "database was back%n",
				took.toMillis(), Duration.ofNanos(System.nanoTime() - back).toMillis());
		HttpResponse<String> retry = fhir("POST", "Patient", patient(family), token, key);
		assertThat(retry.statusCode()).as("the retry of a create that did not commit runs").isEqualTo(201);
		assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(patientsNamed(family)).isEqualTo(1);
		assertThat(browser.get("/patients").statusCode()).isEqualTo(200);
	}

	@Test
	void aCommitCancelledWhileItWaitsForTheStandbyIsAnUnknownOutcome() throws Exception {
		jdbc.sql("create table if not exists failover_probe (id integer)").update();
		String token = FhirTestSupport.token(port, "physician");
		waitForAStandbyThatDoesNotExist(true);
		try {
			TransactionTemplate transaction = new TransactionTemplate(transactions);
			assertThatThrownBy(() -> cancellingCommits(
					() -> transaction.execute(status -> jdbc.sql("insert into failover_probe values (1)").update())))
				.isInstanceOf(OutcomeUnknownException.class);
			assertThat(jdbc.sql("select count(*) from failover_probe where id = 1").query(Long.class).single())
				.as("PostgreSQL kept the transaction it answered with a warning")
				.isEqualTo(1);

			// Without a key, each statement of the registration commits on its own: the
			// first whose commit is cancelled makes the outcome unknown.
			String plain = "Syncrep" + UUID.randomUUID().toString().substring(0, 8);
			assertUnknownOutcome(cancellingCommits(() -> fhir("POST", "Patient", patient(plain), token, null)));
			assertThat(patientsNamed(plain)).isLessThanOrEqualTo(1);

			String keyed = "Syncrep" + UUID.randomUUID().toString().substring(0, 8);
			String key = UUID.randomUUID().toString();
			assertUnknownOutcome(cancellingCommits(() -> fhir("POST", "Patient", patient(keyed), token, key)));

			waitForAStandbyThatDoesNotExist(false);
			HttpResponse<String> retry = fhir("POST", "Patient", patient(keyed), token, key);
			assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
			assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
			assertThat(patientsNamed(keyed)).isEqualTo(1);
		}
		finally {
			waitForAStandbyThatDoesNotExist(false);
		}
	}

	private static void assertUnknownOutcome(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).contains("5");
		assertThat(response.headers().firstValue("Continuum-Write-Outcome")).contains("unknown");
		assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"transient\"",
				"may or may not have been saved");
		assertClean(response.body());
	}

	/**
	 * Runs the work and, while it runs, cancels every backend that waits for the
	 * synchronous standby, as a JDBC query timeout or an impatient client does (a
	 * statement timeout cannot: PostgreSQL disarms it before the commit). Rethrows what
	 * the work threw.
	 */
	private <T> T cancellingCommits(java.util.concurrent.Callable<T> work) throws Exception {
		CompletableFuture<T> answer = CompletableFuture.supplyAsync(() -> {
			try {
				return work.call();
			}
			catch (Exception ex) {
				throw new java.util.concurrent.CompletionException(ex);
			}
		});
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		try (Connection superuser = superuser()) {
			while (!answer.isDone() && System.nanoTime() < deadline) {
				superuser.createStatement()
					.execute("select pg_cancel_backend(pid) from pg_stat_activity where wait_event = 'SyncRep'");
				Thread.sleep(100);
			}
		}
		try {
			return answer.get(5, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			Throwable cause = ex.getCause() instanceof java.util.concurrent.CompletionException wrapped
					&& wrapped.getCause() != null ? wrapped.getCause() : ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw (Exception) cause;
		}
	}

	private void waitForAStandbyThatDoesNotExist(boolean on) throws SQLException {
		try (Connection superuser = superuser()) {
			superuser.createStatement()
				.execute(on ? "alter system set synchronous_standby_names = 'ghost'"
						: "alter system reset synchronous_standby_names");
			superuser.createStatement().execute("select pg_reload_conf()");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			try (Connection check = superuser()) {
				var result = check.createStatement().executeQuery("show synchronous_standby_names");
				result.next();
				return result.getString(1).equals(on ? "ghost" : "");
			}
		});
	}

	private static Connection superuser() throws SQLException {
		try {
			String password = Files.readString(directory.resolve("secrets/db-superuser-password")).trim();
			return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/continuum",
					"postgres", password);
		}
		catch (IOException ex) {
			throw new SQLException(ex);
		}
	}

	private HttpResponse<String> fhir(String method, String path, String body, String token, String key)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/" + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/fhir+json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/fhir+json");
		}
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String patient(String family) {
		return "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "\",\"given\":[\"Anna\"]}],"
				+ "\"gender\":\"female\",\"birthDate\":\"1980-02-03\"}";
	}

	private long patientsNamed(String family) {
		return jdbc.sql("select count(*) from patient where family_name = :family")
			.param("family", family)
			.query(Long.class)
			.single();
	}

	private static void assertClean(String body) {
		assertThat(body).doesNotContain("Exception", "SQL", "org.", "at continuum", "postgres");
	}

}
