package continuum.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import continuum.ContinuumIntegrationTest;
import continuum.EmbeddedDatabaseRoles;
import continuum.fhir.FhirTestSupport;
import continuum.platform.PlatformSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real failure of the database (the application's role loses its right to read three
 * tables for a moment, so PostgreSQL refuses the statements) is answered by every door as
 * a 500 that names an incident or request id and nothing else: no SQL, no exception
 * class, no stack frame. The log has the classes under that id. And an expected refusal,
 * a 403, is not logged as an error.
 */
@ContinuumIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class InternalErrorIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	PlatformSettings settings;

	private HttpResponse<String> get(String path, String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertNothingInternal(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		assertThat(response.body()).doesNotContainIgnoringCase("select")
			.doesNotContainIgnoringCase("sql")
			.doesNotContain("permission denied", "adt_place", "adt_ward", "change_feed", "Exception",
					"org.springframework", "org.postgresql", "\tat ");
	}

	@Test
	void aDatabaseFailureAnswersEveryDoorWithAnIncidentAndNoInternals(CapturedOutput output) throws Exception {
		String physician = FhirTestSupport.token(port, "physician");
		String system = FhirTestSupport.token(port, "interface");
		WebSession nurse = WebSession.signIn(port, "nurse");
		JdbcClient owner = JdbcClient.create(EmbeddedDatabaseRoles.owner(settings));
		HttpResponse<String> fhir;
		HttpResponse<String> api;
		HttpResponse<String> page;
		owner.sql("revoke select on adt_place, adt_ward, change_feed from continuum_app").update();
		try {
			fhir = get("/fhir/Location?name=ward", physician);
			api = get("/api/changes?after=0&limit=1", system);
			page = nurse.get("/wards");
		}
		finally {
			owner.sql("grant select on adt_place, adt_ward, change_feed to continuum_app").update();
		}
		assertNothingInternal(fhir);
		assertThat(fhir.body()).contains("OperationOutcome",
				"request id " + fhir.headers().firstValue("X-Request-ID").orElseThrow());
		assertNothingInternal(api);
		assertThat(api.body()).contains("Quote incident");
		assertNothingInternal(page);
		assertThat(page.body()).contains("Quote incident");
		String incident = api.body().replaceAll("(?s).*Quote incident ([0-9a-f]+).*", "$1");
		assertThat(output.getAll()).containsPattern("\\(incident " + incident + "\\):[^\\n]*\\n(?s).*PSQLException");
	}

	@Test
	void aRefusalIsNotLoggedAsAnError(CapturedOutput output) throws Exception {
		String scheduler = FhirTestSupport.token(port, "scheduler");
		int mark = output.getAll().length();
		assertThat(get("/fhir/AllergyIntolerance?patient=1", scheduler).statusCode()).isEqualTo(403);
		String logged = output.getAll().substring(mark);
		assertThat(logged).doesNotContain(" ERROR ", "ForbiddenOperationException", "\tat ");
	}

}
