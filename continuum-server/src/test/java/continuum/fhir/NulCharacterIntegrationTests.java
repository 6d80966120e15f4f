package continuum.fhir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NUL character, which PostgreSQL cannot store or compare, is refused with 400 and an
 * OperationOutcome naming the parameter or element wherever a client can put it: a search
 * value, the If-None-Exist header, any string of a body. It used to fail the SQL
 * statement and answer a 500 quoting it.
 */
@ContinuumIntegrationTest
class NulCharacterIntegrationTests {

	private static final String PATIENT = """
			{"resourceType":"Patient","identifier":[{"system":"urn:test:nul","value":"V"}],
			"name":[{"family":"Nulfamily","given":["Given"]}],"telecom":[{"system":"phone","value":"0470 12 34 56"}],
			"gender":"female","birthDate":"1980-02-03","address":[{"line":["Kerkstraat 1"],"city":"Gent"}]}""";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private String physician;

	@BeforeEach
	void signIn() {
		physician = FhirTestSupport.token(port, "physician");
	}

	private HttpResponse<String> send(String method, String path, String token, String body, String... headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/fhir+json");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		request.method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertRefused(HttpResponse<String> response, String named) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"", named)
			.doesNotContainIgnoringCase("sql")
			.doesNotContainIgnoringCase("select ")
			.doesNotContain("Exception", "0x00");
	}

	@Test
	void aNulInASearchValueIsABadRequestNamingTheParameter() throws Exception {
		String auditor = FhirTestSupport.token(port, "auditor");
		assertRefused(send("GET", "/fhir/Patient?identifier=a%00b", physician, null), "'identifier'");
		assertRefused(send("GET", "/fhir/Patient?identifier=urn:x%00%7C123", physician, null), "'identifier'");
		assertRefused(send("GET", "/fhir/Patient?identifier=urn:x%7C12%003", physician, null), "'identifier'");
		assertRefused(send("GET", "/fhir/Patient?family=Jans&name=a%00", physician, null), "'name'");
		assertRefused(send("GET", "/fhir/Location?name=a%00", physician, null), "'name'");
		assertRefused(send("GET", "/fhir/Practitioner?name=a%00", physician, null), "'name'");
		assertRefused(send("GET", "/fhir/AuditEvent?agent-name=a%00", auditor, null), "'agent-name'");
		assertRefused(send("GET", "/fhir/AuditEvent?patient=1%00", auditor, null), "'patient'");
	}

	@Test
	void aNulInAnyStringOfAPatientIsABadRequestNamingTheElementAndWritesNothing() throws Exception {
		long before = jdbc.sql("select count(*) from patient").query(Long.class).single();
		String[][] cases = { { "Nulfamily", "Patient.name.family" }, { "Given", "Patient.name.given" },
				{ "urn:test:nul", "Patient.identifier.system" }, { "\"V\"", "Patient.identifier.value" },
				{ "Kerkstraat 1", "Patient.address.line" }, { "0470 12 34 56", "Patient.telecom.value" } };
		for (String[] c : cases) {
			String body = c[0].startsWith("\"") ? PATIENT.replace(c[0], "\"V\\u0000\"")
					: PATIENT.replace(c[0], c[0] + "\\u0000");
			assertRefused(send("POST", "/fhir/Patient", physician, body), c[1]);
		}
		assertRefused(send("POST", "/fhir/Patient", physician, PATIENT, "If-None-Exist", "identifier=urn:x%7Ca%00"),
				"If-None-Exist");
		assertThat(jdbc.sql("select count(*) from patient").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void aNulInTheCodeTextOfAnAllergyOrAProblemIsABadRequest() throws Exception {
		long patient = jdbc.sql("select min(id) from patient where merged_into is null").query(Long.class).single();
		String allergy = """
				{"resourceType":"AllergyIntolerance","patient":{"reference":"Patient/%d"},
				"clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
				"code":"active"}]},"code":{"text":"Penicillin\\u0000"}}"""
			.formatted(patient);
		assertRefused(send("POST", "/fhir/AllergyIntolerance", physician, allergy), "AllergyIntolerance.code.text");
		String condition = """
				{"resourceType":"Condition","subject":{"reference":"Patient/%d"},
				"clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical",
				"code":"active"}]},"code":{"text":"Hypertension\\u0000"}}""".formatted(patient);
		assertRefused(send("POST", "/fhir/Condition", physician, condition), "Condition.code.text");
	}

	@Test
	void aNulInAFormFieldOfAPageOrOfTheTokenEndpointIsABadRequestToo() throws Exception {
		long before = jdbc.sql("select count(*) from patient").query(Long.class).single();
		continuum.web.WebSession clerk = continuum.web.WebSession.signIn(port, "physician");
		clerk.get("/patients/new");
		HttpResponse<String> page = clerk.post("/patients/new",
				java.util.Map.of("family", "Nul\0page", "given", "Ann", "birthDate", "1980-02-03", "gender", "female"));
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("&#39;family&#39;", "Back to the start page").doesNotContain("Exception");
		assertThat(jdbc.sql("select count(*) from patient").query(Long.class).single()).isEqualTo(before);
		HttpResponse<String> token = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=phys%00ician&password=x"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(token.statusCode()).isEqualTo(400);
		assertThat(token.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(token.body()).contains("'username'");
	}

}
