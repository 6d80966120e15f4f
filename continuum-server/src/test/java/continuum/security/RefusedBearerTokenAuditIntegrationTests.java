package continuum.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused bearer token is audited on every filter chain that takes one: FHIR, the REST
 * APIs, the actuator and DICOMweb.
 */
@ContinuumIntegrationTest
class RefusedBearerTokenAuditIntegrationTests {

	private static final String REFUSED = """
			select count(*) from audit_log where username = 'anonymous' and action = 'TOKEN' and outcome = 'DENIED'
			  and detail like 'bearer token refused%'""";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyChainAuditsARefusedToken() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (String path : new String[] { "/fhir/Patient/1", "/api/changes?after=0", "/actuator/metrics",
				"/dicomweb/studies" }) {
			long before = jdbc.sql(REFUSED).query(Long.class).single();
			HttpResponse<String> answer = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
					.header("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl")
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(path).isEqualTo(401);
			assertThat(jdbc.sql(REFUSED).query(Long.class).single()).as("the refusal on %s is audited", path)
				.isEqualTo(before + 1);
		}
	}

}
