package continuum.fhir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain HTTP searches for the common-parameter tests: GET as a demo account, the
 * searchset or the OperationOutcome parsed, the ids of the matches in bundle order, and
 * the pages that the bundle's {@code next} links lead to.
 */
final class SearchHttp {

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	private final String token;

	SearchHttp(int port, String user) {
		this.port = port;
		this.token = FhirTestSupport.token(port, user);
	}

	/** {@code GET /fhir/<path>} with the extra headers given as name, value pairs. */
	HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/" + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/fhir+json");
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A search that must answer 200 with a searchset. */
	Bundle search(String path, String... headers) throws Exception {
		HttpResponse<String> response = get(path, headers);
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		Bundle bundle = FhirTestSupport.context().newJsonParser().parseResource(Bundle.class, response.body());
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
		return bundle;
	}

	/** The ids of the bundle's matches (not its includes), in bundle order. */
	static List<String> ids(Bundle bundle) {
		return bundle.getEntry()
			.stream()
			.filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
			.map(e -> e.getResource().getIdElement().getIdPart())
			.toList();
	}

	/** The ids of every page, following {@code next} from the first. */
	List<String> allPages(String path) throws Exception {
		Bundle page = search(path);
		List<String> seen = new java.util.ArrayList<>(ids(page));
		int pages = 1;
		while (page.getLink("next") != null) {
			String next = page.getLink("next").getUrl();
			page = search(next.substring(next.indexOf("/fhir/") + "/fhir/".length()));
			seen.addAll(ids(page));
			assertThat(++pages).as("pages of " + path).isLessThan(50);
		}
		return seen;
	}

	/**
	 * Asserts an OperationOutcome with the status and answers its diagnostics, all issues
	 * joined.
	 */
	static String outcome(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		OperationOutcome outcome = FhirTestSupport.context()
			.newJsonParser()
			.parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssue()).isNotEmpty();
		return String.join("; ",
				outcome.getIssue()
					.stream()
					.map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
					.toList());
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static String at(Instant instant) {
		return encode(instant.toString());
	}

}
