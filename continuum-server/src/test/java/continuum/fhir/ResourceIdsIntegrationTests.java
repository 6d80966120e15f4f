package continuum.fhir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.web.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every FHIR resource type reads ids by one rule ({@link ResourceIds}): {@code Patient/7}
 * is patient 7, and {@code Patient/007}, {@code Patient/+7} or {@code Patient/7 } are no
 * resource at all (404 with an OperationOutcome), never an alias of it; references in
 * search parameters and in bodies, and the chart's address, follow the same rule.
 */
@ContinuumIntegrationTest
class ResourceIdsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void onlyTheCanonicalIdReadsAResourceOfEveryTypeAndEveryOtherFormIsNotFound() throws Exception {
		Map<String, String> readers = EveryType.readable(jdbc);

		for (Map.Entry<String, String> resource : readers.entrySet()) {
			String token = FhirTestSupport.token(port, resource.getValue());
			String path = resource.getKey();
			String type = path.substring(0, path.indexOf('/'));
			HttpResponse<String> canonical = get(token, path);
			assertThat(canonical.statusCode()).as("read of %s", path).isEqualTo(200);
			assertThat(canonical.body()).contains("\"resourceType\":\"" + type + "\"");

			int cut = path.lastIndexOf('-') > 0 ? path.lastIndexOf('-') + 1 : path.indexOf('/') + 1;
			String prefix = path.substring(0, cut);
			String number = path.substring(cut);
			for (String alias : List.of("0" + number, "00" + number, "%2B" + number, number + "%20", "%20" + number,
					number + ".0", number + "0000000000000000000")) {
				HttpResponse<String> read = get(token, prefix + alias);
				assertThat(read.statusCode()).as("read of %s", prefix + alias).isEqualTo(404);
				assertThat(read.body()).as("read of %s", prefix + alias)
					.contains("\"resourceType\":\"OperationOutcome\"")
					.doesNotContain("\"resourceType\":\"" + type + "\"");
			}
		}
	}

	@Test
	void aVersionReadNamesItsVersionInCanonicalFormOnly() throws Exception {
		String token = FhirTestSupport.token(port, "physician");
		String patient = "Patient/" + first("select min(id) from patient where merged_into is null");
		String encounter = "Encounter/" + first("select min(id) from adt_encounter");
		String scheduler = FhirTestSupport.token(port, "scheduler");
		String appointment = "Appointment/" + first("select min(id) from sched_appointment");
		for (String[] read : new String[][] { { token, patient }, { token, encounter }, { scheduler, appointment } }) {
			String etag = get(read[0], read[1]).headers().firstValue("ETag").orElseThrow();
			String current = etag.substring(etag.indexOf('"') + 1, etag.lastIndexOf('"'));
			assertThat(get(read[0], read[1] + "/_history/" + current).statusCode())
				.as("%s version %s", read[1], current)
				.isEqualTo(200);
			for (String version : List.of("0" + current, "%2B" + current, current + ".0", "0", "-" + current)) {
				HttpResponse<String> vread = get(read[0], read[1] + "/_history/" + version);
				assertThat(vread.statusCode()).as("%s version %s", read[1], version).isEqualTo(404);
				assertThat(vread.body()).contains("\"resourceType\":\"OperationOutcome\"");
			}
			assertThat(get(read[0], "0" + read[1].substring(read[1].indexOf('/') + 1)).statusCode()).isEqualTo(404);
		}
	}

	@Test
	void aReferenceSearchMatchesTheCanonicalIdOnly() throws Exception {
		String physician = FhirTestSupport.token(port, "physician");
		String scheduler = FhirTestSupport.token(port, "scheduler");
		long withEncounter = first("select min(patient_id) from adt_encounter");
		long withAllergy = first("select min(patient_id) from allergy_intolerance where deleted_at is null");
		long withAppointment = first("select min(patient_id) from sched_appointment");
		List<Search> searches = List.of(new Search(physician, "Encounter?patient=", withEncounter),
				new Search(physician, "Encounter?subject=Patient/", withEncounter),
				new Search(physician, "AllergyIntolerance?patient=", withAllergy),
				new Search(scheduler, "Appointment?patient=", withAppointment),
				new Search(scheduler, "Appointment?actor=Patient/", withAppointment));
		for (Search search : searches) {
			HttpResponse<String> canonical = get(search.token(), search.query() + search.patient());
			assertThat(canonical.statusCode()).isEqualTo(200);
			assertThat(canonical.body()).as("%s%s", search.query(), search.patient()).contains("\"entry\"");
			HttpResponse<String> alias = get(search.token(), search.query() + "00" + search.patient());
			assertThat(alias.statusCode()).isEqualTo(200);
			assertThat(alias.body()).as("%s00%s", search.query(), search.patient())
				.contains("\"total\":0")
				.doesNotContain("\"entry\"");
		}
	}

	@Test
	void aReferenceInABodyToANonCanonicalIdIsRefusedAndNothingIsWritten() throws Exception {
		String token = FhirTestSupport.token(port, "physician");
		long allergy = first("select min(id) from allergy_intolerance where deleted_at is null");
		long patient = first("select patient_id from allergy_intolerance where id = " + allergy);
		String body = get(token, "AllergyIntolerance/" + allergy).body()
			.replace("\"reference\":\"Patient/" + patient + "\"", "\"reference\":\"Patient/00" + patient + "\"");
		assertThat(body).contains("Patient/00" + patient);
		long before = first("select count(*) from allergy_intolerance");

		HttpResponse<String> created = send(token, "POST", "AllergyIntolerance", body);

		assertThat(created.statusCode()).isEqualTo(422);
		assertThat(created.body()).contains("\"resourceType\":\"OperationOutcome\"")
			.contains("AllergyIntolerance.patient must reference a Patient");
		assertThat(first("select count(*) from allergy_intolerance")).isEqualTo(before);
	}

	@Test
	void theChartOfANonCanonicalIdIsNoPage() throws Exception {
		long patient = first("select min(id) from patient where merged_into is null");
		WebSession session = WebSession.signIn(port, "physician");
		assertThat(session.get("/patients/" + patient).statusCode()).isEqualTo(200);
		assertThat(session.get("/patients/0" + patient).statusCode()).isEqualTo(404);
	}

	private long first(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	private HttpResponse<String> get(String token, String path) throws Exception {
		return send(token, "GET", path, null);
	}

	private HttpResponse<String> send(String token, String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/" + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/fhir+json");
		if (body == null) {
			request.GET();
		}
		else {
			request.header("Content-Type", "application/fhir+json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A reference search: who searches, the query up to the id, and the patient it names.
	 */
	private record Search(String token, String query, long patient) {
	}

}
