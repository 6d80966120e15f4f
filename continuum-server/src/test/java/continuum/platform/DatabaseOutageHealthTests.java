package continuum.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health and metrics of a real server whose PostgreSQL is killed under it: the process is
 * still alive (liveness UP, so no orchestrator restarts it for nothing), it is no longer
 * ready (readiness and health DOWN, 503), and the metrics still answer, from their last
 * samples, without waiting on the database.
 */
class DatabaseOutageHealthTests {

	@TempDir
	Path temp;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void withoutItsDatabaseTheServerIsAliveNotReadyAndStillReportsMetrics() throws Exception {
		Path data = temp.resolve("outage");
		try (ServerProcess server = ServerProcess.start(data, Map.of("CONTINUUM_DEMO_PATIENTS", "20"))) {
			String token = token(server);
			assertThat(get(server, "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
			// The head has been sampled (the first sample is taken at start).
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(get(server, "/actuator/prometheus", token).body())
					.containsPattern("(?m)^continuum_changes_head [0-9]"));

			long postgres = ServerProcess.postmasterPid(data);
			new ProcessBuilder("kill", "-KILL", Long.toString(postgres)).start().waitFor();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> ProcessHandle.of(postgres).map(p -> !p.isAlive()).orElse(true));

			long started = System.nanoTime();
			HttpResponse<String> metrics = get(server, "/actuator/prometheus", token);
			assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
			assertThat(metrics.body()).contains("continuum_changes_head", "continuum_notifications_outbox_depth");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the scrape waited on the database")
				.isLessThan(Duration.ofSeconds(5));

			HttpResponse<String> liveness = get(server, "/actuator/health/liveness", null);
			assertThat(liveness.statusCode()).isEqualTo(200);
			assertThat(liveness.body()).contains("\"UP\"");
			for (String path : new String[] { "/actuator/health/readiness", "/actuator/health" }) {
				HttpResponse<String> down = get(server, path, null);
				assertThat(down.statusCode()).as(path).isEqualTo(503);
				assertThat(down.body()).as(path).contains("\"DOWN\"").doesNotContain("PSQLException", "Connection");
			}
		}
	}

	private String token(ServerProcess server) throws Exception {
		var response = server.post("/api/token", "application/x-www-form-urlencoded",
				"username=itops&password=test-password-1", null);
		assertThat(response.statusCode()).isEqualTo(200);
		String body = response.body();
		int start = body.indexOf("\"access_token\":\"") + 16;
		return body.substring(start, body.indexOf('"', start));
	}

	private HttpResponse<String> get(ServerProcess server, String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
			.timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
