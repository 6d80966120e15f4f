package continuum.continuity.probes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Probes over HTTP: a health URL (kind {@code http-health}: a 2xx answer is up), a
 * gateway that has no health URL (kind {@code http-reachable}: a {@code GET} of its
 * endpoint; any answer below 500 means it is there and answering, even a 405 for a
 * {@code POST}-only endpoint), and a downtime node (kind {@code downtime-node}: its
 * {@code /status} read as the protocol describes, degraded when its lag is over
 * {@code node-lag} or it has lost the server).
 */
@Configuration(proxyBeanMethods = false)
class HttpProbes {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	@Bean
	ComponentProbe httpHealthProbe() {
		return probe("http-health", (target, timeout) -> {
			int status = get(URI.create(target), timeout).statusCode();
			return status >= 200 && status < 300 ? ProbeOutcome.ok() : ProbeOutcome.failed(ProbeCode.HTTP_STATUS);
		});
	}

	@Bean
	ComponentProbe httpReachableProbe() {
		return probe("http-reachable", (target, timeout) -> get(URI.create(target), timeout).statusCode() < 500
				? ProbeOutcome.ok() : ProbeOutcome.failed(ProbeCode.HTTP_STATUS));
	}

	@Bean
	ComponentProbe downtimeNodeProbe(JsonMapper json, ProbeSettings settings, ProbeMetrics metrics) {
		return probe("downtime-node", (target, timeout) -> {
			String base = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
			HttpResponse<String> response = get(URI.create(base + "/status"), timeout);
			if (response.statusCode() != 200) {
				return ProbeOutcome.failed(ProbeCode.HTTP_STATUS);
			}
			JsonNode status;
			try {
				status = json.readTree(response.body());
			}
			catch (RuntimeException ex) {
				return ProbeOutcome.failed(ProbeCode.BAD_REPLY);
			}
			JsonNode lag = status.get("lagSeconds");
			if (lag == null || !lag.isNumber()) {
				return ProbeOutcome.failed(ProbeCode.BAD_REPLY);
			}
			metrics.nodeLag(target, lag.asDouble());
			if (lag.asDouble() > settings.nodeLag().toSeconds()) {
				return ProbeOutcome.degraded(ProbeCode.LAG);
			}
			JsonNode problem = status.get("problem");
			if (problem != null && problem.isString() && !problem.asString().isBlank()) {
				return ProbeOutcome.degraded(ProbeCode.NODE_PROBLEM);
			}
			JsonNode reachable = status.get("serverReachable");
			if (reachable != null && reachable.isBoolean() && !reachable.asBoolean()) {
				return ProbeOutcome.degraded(ProbeCode.SERVER_LOST);
			}
			return ProbeOutcome.ok();
		});
	}

	private static HttpResponse<String> get(URI uri, Duration timeout) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(timeout)
			.header("Accept", "application/json")
			.GET()
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static ComponentProbe probe(String kind, Check check) {
		return new ComponentProbe() {
			@Override
			public String kind() {
				return kind;
			}

			@Override
			public ProbeOutcome probe(String target, Duration timeout) throws Exception {
				return check.probe(target, timeout);
			}
		};
	}

	private interface Check {

		ProbeOutcome probe(String target, Duration timeout) throws Exception;

	}

}
