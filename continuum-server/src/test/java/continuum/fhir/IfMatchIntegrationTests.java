package continuum.fhir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An update whose {@code If-Match} names no version number (an empty tag included) is a
 * malformed request (400, with an OperationOutcome) on every resource type that can be
 * updated, and changes nothing: not a version conflict (412), not an unknown resource
 * (404), not an update without a check.
 */
@ContinuumIntegrationTest
class IfMatchIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void anIfMatchThatNamesNoVersionNumberIsAMalformedUpdateOfEveryTypeAndChangesNothing() throws Exception {
		Map<String, String> writers = EveryType.updatable(jdbc);

		for (Map.Entry<String, String> resource : writers.entrySet()) {
			String token = FhirTestSupport.token(port, resource.getValue());
			HttpResponse<String> before = send(token, resource.getKey(), null, null);
			assertThat(before.statusCode()).as("read %s", resource.getKey()).isEqualTo(200);
			String etag = before.headers().firstValue("ETag").orElseThrow();
			for (String ifMatch : NOT_A_VERSION) {
				HttpResponse<String> update = send(token, resource.getKey(), before.body(), ifMatch);
				assertThat(update.statusCode()).as("update of %s with If-Match %s", resource.getKey(), ifMatch)
					.isEqualTo(400);
				assertThat(update.body()).as("outcome of %s", resource.getKey())
					.contains("\"resourceType\":\"OperationOutcome\"")
					.contains("not a version number");
			}
			HttpResponse<String> after = send(token, resource.getKey(), null, null);
			assertThat(after.headers().firstValue("ETag")).as("version of %s", resource.getKey()).contains(etag);
			assertThat(after.body()).isEqualTo(before.body());
		}
	}

	/**
	 * Tags that name no version of ours: not a number, not positive, too large, not in
	 * canonical form, or empty (which HAPI would pass on as no version at all).
	 */
	private static final String[] NOT_A_VERSION = { "W/\"abc\"", "W/\"0\"", "W/\"-1\"", "W/\"99999999999\"", "W/\"01\"",
			"W/\"+1\"", "W/\"\"", "\"\"", "W/\" \"", "*" };

	private HttpResponse<String> send(String token, String resource, String body, String ifMatch) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/" + resource))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/fhir+json");
		if (body == null) {
			request.GET();
		}
		else {
			request.header("Content-Type", "application/fhir+json")
				.header("If-Match", ifMatch)
				.PUT(HttpRequest.BodyPublishers.ofString(body));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
