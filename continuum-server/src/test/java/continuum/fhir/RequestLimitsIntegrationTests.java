package continuum.fhir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Oversize bodies are refused with 413 and an OperationOutcome, with or without
 * Content-Length; nothing is written.
 */
@ContinuumIntegrationTest
class RequestLimitsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private String oversizePatient(String family) {
		return "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "\",\"given\":[\""
				+ "x".repeat(1_200_000) + "\"]}]}";
	}

	private long patientsNamed(String family) {
		return jdbc.sql("select count(*) from patient_name_token where token like :t")
			.param("t", family.toLowerCase() + "%")
			.query(Long.class)
			.single();
	}

	@Test
	void refusesAnOversizeBodyWithContentLength() throws Exception {
		String family = "Oversizeone";
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/Patient"))
				.header("Authorization", "Bearer " + FhirTestSupport.token(port, "physician"))
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(oversizePatient(family)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("OperationOutcome").contains("exceeds the limit");
		assertThat(patientsNamed(family)).isZero();
	}

	@Test
	void refusesAnOversizeChunkedBody() throws Exception {
		String family = "Oversizetwo";
		byte[] body = oversizePatient(family).getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/Patient"))
				.header("Authorization", "Bearer " + FhirTestSupport.token(port, "physician"))
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("OperationOutcome");
		assertThat(patientsNamed(family)).isZero();
	}

}
