package continuum.fhir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code _count} and {@code _offset} of every search: a negative or non-numeric value is
 * a malformed request (400 with an OperationOutcome), never a page with a {@code next}
 * link; {@code _count=0} asks for the total alone.
 */
@ContinuumIntegrationTest
class PagingIntegrationTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aNegativeOrNonNumericCountOrOffsetIsAMalformedSearchOfEveryType() throws Exception {
		Map<String, String> searches = new LinkedHashMap<>();
		searches.put("Patient?family=Peeters", "physician");
		searches.put("AllergyIntolerance?clinical-status=active", "physician");
		searches.put("Condition?clinical-status=active", "physician");
		searches.put("MedicationStatement?status=active", "physician");
		searches.put("Encounter?status=in-progress", "physician");
		searches.put("Location?type=bd", "admin");
		searches.put("Practitioner?name=a", "physician");
		searches.put("Schedule?active=true", "scheduler");
		searches.put("Slot?status=free", "scheduler");
		searches.put("Appointment?status=booked", "scheduler");
		searches.put("AuditEvent?agent-name=physician", "auditor");

		for (Map.Entry<String, String> search : searches.entrySet()) {
			String token = FhirTestSupport.token(port, search.getValue());
			HttpResponse<String> plain = get(token, search.getKey() + "&_count=2");
			assertThat(plain.statusCode()).as(search.getKey()).isEqualTo(200);
			assertThat(plain.body()).as(search.getKey()).contains("\"type\":\"searchset\"");
			for (String paging : List.of("_count=-1", "_offset=-1", "_count=-2147483648", "_offset=-5&_count=2",
					"_count=abc", "_offset=x", "_count=1.5")) {
				HttpResponse<String> page = get(token, search.getKey() + "&" + paging);
				assertThat(page.statusCode()).as("%s&%s", search.getKey(), paging).isEqualTo(400);
				assertThat(page.body()).as("%s&%s", search.getKey(), paging)
					.contains("\"resourceType\":\"OperationOutcome\"")
					.doesNotContain("\"relation\":\"next\"");
			}
		}
	}

	@Test
	void aCountOfZeroAnswersTheTotalWithoutEntries() throws Exception {
		String token = FhirTestSupport.token(port, "physician");
		HttpResponse<String> page = get(token, "Encounter?status=in-progress&_count=0");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("\"total\":").doesNotContain("\"entry\"");
	}

	private HttpResponse<String> get(String token, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/" + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/fhir+json")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
