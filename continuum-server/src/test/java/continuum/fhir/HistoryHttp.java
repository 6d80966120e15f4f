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
import org.hl7.fhir.r4.model.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain HTTP for {@code _history} tests: one demo user's GETs against {@code /fhir}, the
 * history Bundles they answer and the OperationOutcomes of their errors.
 */
final class HistoryHttp {

	private final String base;

	private final String token;

	private final HttpClient http = HttpClient.newHttpClient();

	HistoryHttp(int port, String username) {
		this.base = "http://127.0.0.1:" + port + "/fhir/";
		this.token = FhirTestSupport.token(port, username);
	}

	HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/fhir+json")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A history Bundle, checked valid R4 and of type {@code history}. */
	Bundle history(String path) throws Exception {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		Bundle bundle = FhirTestSupport.context().newJsonParser().parseResource(Bundle.class, response.body());
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.HISTORY);
		FhirTestSupport.assertValidHistory(bundle);
		return bundle;
	}

	<R extends Resource> R read(Class<R> type, String path) throws Exception {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		R resource = FhirTestSupport.context().newJsonParser().parseResource(type, response.body());
		FhirTestSupport.assertValid(resource);
		return resource;
	}

	/** Asserts an OperationOutcome with an error and this status. */
	void refused(String path, int status) throws Exception {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
		OperationOutcome outcome = FhirTestSupport.context()
			.newJsonParser()
			.parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssueFirstRep().getSeverity()).isIn(OperationOutcome.IssueSeverity.ERROR,
				OperationOutcome.IssueSeverity.FATAL);
	}

	/** The path of the Bundle's {@code next} link, to GET it. */
	static String next(Bundle bundle) {
		assertThat(bundle.getLink(Bundle.LINK_NEXT)).as("a next link").isNotNull();
		return bundle.getLink(Bundle.LINK_NEXT).getUrl();
	}

	static List<String> versions(Bundle bundle) {
		return bundle.getEntry().stream().map(e -> versionOf(e)).toList();
	}

	/**
	 * The entry's version: its resource's, or the deletion's from its fullUrl or etag.
	 */
	static String versionOf(Bundle.BundleEntryComponent entry) {
		if (entry.hasResource()) {
			return entry.getResource().getMeta().getVersionId();
		}
		String etag = entry.getResponse().getEtag();
		return etag == null ? "" : etag.replace("W/", "").replace("\"", "");
	}

	static List<String> ids(Bundle bundle) {
		return bundle.getEntry()
			.stream()
			.filter(Bundle.BundleEntryComponent::hasResource)
			.map(e -> e.getResource().getIdElement().getIdPart())
			.toList();
	}

	/** Each entry as {@code Type/id/_history/version}, deletions included. */
	static List<String> versionKeys(Bundle bundle) {
		return bundle.getEntry().stream().map(e -> {
			String id = e.hasResource() ? e.getResource().fhirType() + "/" + e.getResource().getIdElement().getIdPart()
					: e.getRequest().getUrl();
			return id + "/_history/" + versionOf(e);
		}).toList();
	}

	static List<Bundle.HTTPVerb> methods(Bundle bundle) {
		return bundle.getEntry().stream().map(e -> e.getRequest().getMethod()).toList();
	}

	/** Every entry's lastUpdated is at or before the one before it. */
	static void assertNewestFirst(Bundle bundle) {
		Instant previous = Instant.MAX;
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			if (!entry.hasResource()) {
				continue;
			}
			Instant at = entry.getResource().getMeta().getLastUpdated().toInstant();
			assertThat(at).isBeforeOrEqualTo(previous);
			previous = at;
		}
	}

	static String instant(Instant at) {
		return URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
	}

}
