package continuum.patients;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import continuum.ContinuumIntegrationTest;
import org.hl7.fhir.r4.model.OperationOutcome;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A FHIR client of the running test server, signed in as a demo user, plus raw HTTP for
 * malformed requests.
 */
final class FhirTestClient {

	static final FhirContext CONTEXT = FhirContext.forR4Cached();

	final String base;

	final String token;

	final IGenericClient fhir;

	final HttpClient http = HttpClient.newHttpClient();

	FhirTestClient(int port, String username) {
		this.base = "http://127.0.0.1:" + port;
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString("username=" + username + "&password=" + ContinuumIntegrationTest.DEMO_PASSWORD))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			this.token = new ObjectMapper().readTree(response.body()).get("access_token").asString();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot get a token for " + username, ex);
		}
		CONTEXT.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		this.fhir = CONTEXT.newRestfulGenericClient(base + "/fhir");
		this.fhir.registerInterceptor(new BearerTokenAuthInterceptor(token));
	}

	HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/fhir/" + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/fhir+json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path) throws Exception {
		return send("GET", path, null, null);
	}

	/**
	 * Asserts the status and that the body is an OperationOutcome with an error; returns
	 * its diagnostics.
	 */
	static String assertOperationOutcome(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		OperationOutcome outcome = CONTEXT.newJsonParser().parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssue()).isNotEmpty();
		assertThat(outcome.getIssueFirstRep().getSeverity()).isIn(OperationOutcome.IssueSeverity.ERROR,
				OperationOutcome.IssueSeverity.FATAL);
		return outcome.getIssueFirstRep().getDiagnostics();
	}

}
