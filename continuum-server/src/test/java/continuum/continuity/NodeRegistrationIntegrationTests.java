package continuum.continuity;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import continuum.continuity.probes.ProbeCode;
import continuum.continuity.probes.ProbeOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/downtime/nodes} as the protocol has it, and the probe of a node's
 * {@code /status}: a node too far behind is degraded, one that answers no more is down.
 */
class NodeRegistrationIntegrationTests extends ContinuityPeers {

	private HttpResponse<String> register(String token, String contentType, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(base("/api/downtime/nodes"))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String scrape(String token) throws Exception {
		return http.send(
				HttpRequest.newBuilder(base("/actuator/prometheus")).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString())
			.body();
	}

	/** A downtime node's /status, answering the lag and the problem it is given. */
	private static HttpServer node(AtomicReference<String> lag, AtomicReference<String> problem) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/status", exchange -> {
			byte[] body = ("{\"nodeId\":\"ward-3\",\"asOf\":\"2026-12-06T13:00:00Z\",\"lagSeconds\":" + lag.get()
					+ ",\"serverReachable\":true,\"lostServerSince\":null,\"feedPosition\":42,\"storeBytes\":1,\"problem\":"
					+ problem.get() + "}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		return server;
	}

	@Test
	void aNodeRegistersAndIsProbedAtItsStatusWithItsLag() throws Exception {
		AtomicReference<String> lag = new AtomicReference<>("1.5");
		AtomicReference<String> problem = new AtomicReference<>("null");
		HttpServer node = node(lag, problem);
		String nodeId = unique("Node");
		String code = "node:" + nodeId.toLowerCase();
		String url = "http://127.0.0.1:" + node.getAddress().getPort();
		try {
			String system = token("interface");
			String body = "{\"nodeId\":\"" + nodeId + "\",\"url\":\"" + url + "\"}";
			assertThat(register(system, "application/json", body).statusCode()).isEqualTo(204);
			assertThat(register(system, "application/json", body).statusCode()).isEqualTo(204);
			assertThat(catalogue.get(code).target()).isEqualTo(url);
			assertThat(catalogue.get(code).kind()).isEqualTo("downtime-node");
			assertThat(jdbc.sql("select count(*) from audit_log where resource_type = 'Component' and resource_id = :c")
				.param("c", code)
				.query(Long.class)
				.single()).as("registered once, the repeat changed nothing").isEqualTo(1);

			assertThat(prober.probeNow(List.of(code)).get(code).outcome()).isEqualTo(ProbeOutcome.ok());
			lag.set("600");
			assertThat(prober.probeNow(List.of(code)).get(code).outcome())
				.isEqualTo(ProbeOutcome.degraded(ProbeCode.LAG));
			prober.probeNow(List.of(code));
			Incident lagging = openOutage(code).orElseThrow();
			assertThat(lagging.impact()).isEqualTo(Impact.MINOR);
			assertThat(catalogue.get(code).state()).isEqualTo(ComponentState.DEGRADED);
			String itops = token("itops");
			String scraped = scrape(itops);
			assertThat(scraped).containsPattern(
					Pattern.quote("continuum_continuity_node_lag_seconds{node=\"" + url + "\"} ") + "600(\\.0)?\\b");
			assertThat(scraped).containsPattern(Pattern
				.quote("continuum_continuity_probe_results_total{component=\"" + code + "\",outcome=\"degraded\"} ")
					+ "2(\\.0)?\\b");
			assertThat(scraped).containsPattern(
					Pattern.quote("continuum_continuity_probe_latency_seconds_count{component=\"" + code + "\"} ")
							+ "3(\\.0)?\\b");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(scrape(itops))
					.containsPattern("(?m)^continuum_continuity_incidents_open [1-9]"));
			lag.set("1.5");
			problem.set("\"STORE_WRITE_FAILED\"");
			assertThat(prober.probeNow(List.of(code)).get(code).outcome()).as("a full disk on the node")
				.isEqualTo(ProbeOutcome.degraded(ProbeCode.NODE_PROBLEM));
			problem.set("null");
			lag.set("oops");
			assertThat(prober.probeNow(List.of(code)).get(code).outcome())
				.isEqualTo(ProbeOutcome.failed(ProbeCode.BAD_REPLY));
		}
		finally {
			node.stop(0);
		}
		assertThat(prober.probeNow(List.of(code)).get(code).outcome())
			.isEqualTo(ProbeOutcome.failed(ProbeCode.REFUSED));
		resolveByHand(openOutage(code).orElseThrow().id());
	}

	@Test
	void onlySystemAccountsRegisterAndBrokenRegistrationsAreRefused() throws Exception {
		String system = token("interface");
		assertThat(register(null, "application/json", "{\"nodeId\":\"a\",\"url\":\"http://127.0.0.1:1\"}").statusCode())
			.isEqualTo(401);
		HttpResponse<String> nurse = register(token("nurse"), "application/json",
				"{\"nodeId\":\"a\",\"url\":\"http://127.0.0.1:1\"}");
		assertThat(nurse.statusCode()).isEqualTo(403);
		assertThat(nurse.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
		HttpResponse<String> notJson = register(system, "application/json", "{nodeId: ");
		assertThat(notJson.statusCode()).isEqualTo(400);
		HttpResponse<String> ftp = register(system, "application/json", "{\"nodeId\":\"a\",\"url\":\"ftp://host/\"}");
		assertThat(ftp.statusCode()).isEqualTo(422);
		assertThat(ftp.body()).contains("http(s)://host");
		HttpResponse<String> badId = register(system, "application/json",
				"{\"nodeId\":\"ward 3; drop\",\"url\":\"http://127.0.0.1:1\"}");
		assertThat(badId.statusCode()).isEqualTo(422);
		assertThat(badId.body()).contains("node id");
		HttpResponse<String> missing = register(system, "application/json", "{\"nodeId\":\"a\"}");
		assertThat(missing.statusCode()).isEqualTo(422);
		assertThat(List.of(ftp.body(), badId.body(), missing.body(), notJson.body()))
			.allSatisfy(b -> assertThat(b).doesNotContain("Exception", "continuum."));
		assertThat(catalogue.find("node:a")).isEmpty();
	}

}
