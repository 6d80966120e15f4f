package continuum.subscriptions;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Sends one rest-hook notification (FHIR R4 subscription-channel-type {@code rest-hook}):
 * without a payload, a {@code POST} with an empty body to the endpoint; with one, the
 * resource as an update, {@code PUT [endpoint]/[type]/[id]}, in the payload's format. The
 * channel's headers go with each call. Redirects are not followed (a 3xx is a failure),
 * and the connection and the whole exchange have timeouts. Any 2xx is a success.
 */
@Component
class RestHook {

	/** The outcome of a call: null reason for a success. */
	record Outcome(@Nullable String failure) {

		boolean delivered() {
			return failure == null;
		}

	}

	private final HttpClient http;

	private final FhirContext context;

	private final SubscriptionSettings settings;

	RestHook(FhirContext context, SubscriptionSettings settings) {
		this.context = context;
		this.settings = settings;
		this.http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(settings.connectTimeout())
			.build();
	}

	Outcome send(Subscription subscription, IBaseResource resource) throws InterruptedException {
		HttpRequest.Builder request;
		URI endpoint = URI.create(subscription.endpoint());
		if (subscription.payload() == null) {
			request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.noBody());
		}
		else {
			boolean xml = subscription.payload().equals("application/fhir+xml");
			String body = (xml ? context.newXmlParser() : context.newJsonParser()).encodeResourceToString(resource);
			String base = subscription.endpoint().endsWith("/") ? subscription.endpoint()
					: subscription.endpoint() + "/";
			request = HttpRequest
				.newBuilder(URI.create(base + resource.fhirType() + "/"
						+ resource.getIdElement().toUnqualifiedVersionless().getIdPart()))
				.header("Content-Type", subscription.payload() + "; charset=UTF-8")
				.PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		}
		request.timeout(settings.requestTimeout());
		for (String header : subscription.headers()) {
			int colon = header.indexOf(':');
			request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
		}
		String target = endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
		try {
			HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return new Outcome(null);
			}
			if (status >= 300 && status < 400) {
				return new Outcome("the endpoint answered HTTP " + status + " (redirects are not followed)");
			}
			return new Outcome("the endpoint answered HTTP " + status);
		}
		catch (HttpTimeoutException ex) {
			return new Outcome("no answer from " + target + " within the timeout");
		}
		catch (ConnectException ex) {
			return new Outcome("could not connect to " + target);
		}
		catch (IOException ex) {
			return new Outcome("the connection to " + target + " failed");
		}
		catch (IllegalArgumentException ex) {
			return new Outcome("the notification could not be addressed to " + target);
		}
	}

}
