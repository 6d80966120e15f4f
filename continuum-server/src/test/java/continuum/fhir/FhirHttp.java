package continuum.fhir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain HTTP to {@code /fhir} as a demo account, for what the generic client does not
 * send as a client may (JSON Patch documents, conditional URLs, raw bodies).
 */
final class FhirHttp {

	static final String JSON_PATCH = "application/json-patch+json";

	static final String FHIR_JSON = "application/fhir+json";

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	private final String token;

	FhirHttp(int port, String username) {
		this.base = "http://127.0.0.1:" + port + "/fhir/";
		this.token = FhirTestSupport.token(port, username);
	}

	HttpResponse<String> send(String method, String path, @Nullable String contentType, @Nullable String body,
			String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", FHIR_JSON)
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

	/** A JSON Patch; single quotes in {@code patch} stand for double quotes. */
	HttpResponse<String> patch(String path, String patch, String... headers) throws Exception {
		return send("PATCH", path, JSON_PATCH, patch.replace('\'', '"'), headers);
	}

	/** A PUT that asks for the resource back ({@code Prefer: return=representation}). */
	HttpResponse<String> put(String path, IBaseResource resource, String... headers) throws Exception {
		return send("PUT", path, FHIR_JSON, FhirTestSupport.context().newJsonParser().encodeResourceToString(resource),
				representation(headers));
	}

	/** A POST that asks for the resource back ({@code Prefer: return=representation}). */
	HttpResponse<String> post(String path, IBaseResource resource, String... headers) throws Exception {
		return send("POST", path, FHIR_JSON, FhirTestSupport.context().newJsonParser().encodeResourceToString(resource),
				representation(headers));
	}

	private static String[] representation(String... headers) {
		String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
		all[headers.length] = "Prefer";
		all[headers.length + 1] = "return=representation";
		return all;
	}

	/** The resource an answer with {@code status} carries. */
	static <T extends IBaseResource> T resource(HttpResponse<String> response, int status, Class<T> type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return FhirTestSupport.context().newJsonParser().parseResource(type, response.body());
	}

	/**
	 * Asserts the status and an OperationOutcome with an error; returns its diagnostics.
	 */
	static String outcome(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		OperationOutcome outcome = FhirTestSupport.context()
			.newJsonParser()
			.parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssue()).isNotEmpty();
		assertThat(outcome.getIssueFirstRep().getSeverity()).isIn(OperationOutcome.IssueSeverity.ERROR,
				OperationOutcome.IssueSeverity.FATAL);
		return String.valueOf(outcome.getIssueFirstRep().getDiagnostics());
	}

}
