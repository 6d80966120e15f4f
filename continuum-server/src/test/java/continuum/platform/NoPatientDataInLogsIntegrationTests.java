package continuum.platform;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Patient data never reaches the logs: a distinctive name, national number and birth date
 * go through creates, searches, bad requests and refusals, and none of them appears in
 * anything the server printed meanwhile.
 */
@ContinuumIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class NoPatientDataInLogsIntegrationTests {

	private static final String FAMILY = "Qwxzyvandamme";

	private static final String BIRTH_DATE = "1957-03-14";

	private static final String IDENTIFIER = "NOPHI-" + Long.toString(System.nanoTime(), 36);

	@org.springframework.beans.factory.annotation.Autowired
	PlatformSettings settings;

	@LocalServerPort
	int port;

	private int send(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/fhir+json");
		request.method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	@Test
	void namesBirthDatesAndSearchStringsStayOutOfTheLogs(CapturedOutput output) throws Exception {
		String physician = FhirTestSupport.token(port, "physician");
		String labtech = FhirTestSupport.token(port, "labtech");
		String patient = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + FAMILY
				+ "\",\"given\":[\"Renée\"]}]," + "\"gender\":\"female\",\"birthDate\":\"" + BIRTH_DATE + "\"}";
		assertThat(send("POST", "/fhir/Patient", physician, patient)).isEqualTo(201);
		assertThat(send("GET", "/fhir/Patient?family=" + FAMILY, physician, null)).isEqualTo(200);
		assertThat(send("GET", "/fhir/Patient?name=" + URLEncoder.encode(FAMILY + " renee", StandardCharsets.UTF_8),
				physician, null))
			.isEqualTo(200);
		assertThat(send("GET", "/fhir/Patient?birthdate=" + BIRTH_DATE, physician, null)).isEqualTo(200);
		// Refused, malformed and invalid requests carrying the same data.
		assertThat(send("POST", "/fhir/Patient", labtech, patient)).isEqualTo(403);
		assertThat(send("POST", "/fhir/Patient", physician, patient.replace("\"female\"", "\"" + FAMILY + "\"")))
			.isIn(400, 422);
		assertThat(send("POST", "/fhir/Patient", physician, patient.substring(0, patient.length() - 5))).isEqualTo(400);
		assertThat(send("POST", "/fhir/Patient", physician, patient.replace(BIRTH_DATE, BIRTH_DATE + "-" + FAMILY)))
			.isIn(400, 422);
		// A duplicate identifier makes PostgreSQL itself refuse an insert; its log must
		// not quote the value.
		String withIdentifier = patient.replace("\"name\"",
				"\"identifier\":[{\"system\":\"urn:test:nophi\",\"value\":\"" + IDENTIFIER + "\"}],\"name\"");
		assertThat(send("POST", "/fhir/Patient", physician, withIdentifier)).isEqualTo(201);
		assertThat(send("POST", "/fhir/Patient", physician, withIdentifier)).isIn(400, 409, 412, 422);
		assertThat(output.getAll()).doesNotContain(FAMILY)
			.doesNotContain(BIRTH_DATE)
			.doesNotContain("Renée")
			.doesNotContain(IDENTIFIER);
		String postgresLog = java.nio.file.Files
			.readString(java.nio.file.Path.of(settings.data().dir()).resolve("logs").resolve("postgres.log"));
		assertThat(postgresLog).doesNotContain(FAMILY).doesNotContain(IDENTIFIER).doesNotContain(BIRTH_DATE);
	}

}
