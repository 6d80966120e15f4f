package continuum.adt;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import continuum.ContinuumIntegrationTest;
import tools.jackson.databind.ObjectMapper;

/** FHIR clients signed in as a demo account through {@code POST /api/token}. */
final class FhirClients {

	private FhirClients() {
	}

	static String token(int port, String username) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString("username=" + username + "&password=" + ContinuumIntegrationTest.DEMO_PASSWORD))
				.build(), HttpResponse.BodyHandlers.ofString());
		return new ObjectMapper().readTree(response.body()).get("access_token").asString();
	}

	static IGenericClient client(int port, String username) throws Exception {
		FhirContext context = FhirContext.forR4Cached();
		context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		IGenericClient client = context.newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir");
		client.registerInterceptor(new BearerTokenAuthInterceptor(token(port, username)));
		return client;
	}

}
