package continuum.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.micrometer.common.KeyValue;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Names FHIR requests in the request metrics ({@code http.server.requests}) by
 * interaction, the way an MVC pattern names a page's: {@code /fhir/Patient/{id}},
 * {@code /fhir/Patient/{id}/_history/{vid}}, {@code /fhir/Appointment},
 * {@code /fhir/metadata}. The FHIR servlet has no MVC pattern, so without this every FHIR
 * request would be one series, {@code UNKNOWN}. Only the resource types this server
 * serves are named; any other is {@code /fhir/{type}} and any operation
 * {@code {operation}}, so that no request adds a series of its own and no id ever becomes
 * a tag. Other requests keep Spring's naming.
 */
@Component
class FhirRequestObservationConvention extends DefaultServerRequestObservationConvention {

	private static final String ROOT = "/fhir";

	private final Set<String> types;

	FhirRequestObservationConvention(FhirContext context, List<IResourceProvider> providers) {
		this.types = providers.stream()
			.map(provider -> context.getResourceType(provider.getResourceType()))
			.collect(Collectors.toUnmodifiableSet());
	}

	@Override
	protected KeyValue uri(ServerRequestObservationContext context) {
		String path = context.getCarrier() == null ? null : context.getCarrier().getRequestURI();
		if (context.getPathPattern() == null && path != null && (path.equals(ROOT) || path.startsWith(ROOT + "/"))) {
			return KeyValue.of("uri", template(path.substring(ROOT.length()), types));
		}
		return super.uri(context);
	}

	/**
	 * The template of a path below {@code /fhir}, e.g. {@code /Patient/12/_history/3}.
	 */
	static String template(String path, Set<String> types) {
		List<String> segments = new ArrayList<>();
		for (String segment : path.split("/")) {
			if (!segment.isEmpty()) {
				segments.add(segment);
			}
		}
		if (segments.isEmpty()) {
			return ROOT;
		}
		String first = segments.get(0);
		if (first.startsWith("$")) {
			return ROOT + "/{operation}";
		}
		if (!first.equals("metadata") && !types.contains(first)) {
			return ROOT + "/{type}";
		}
		StringBuilder template = new StringBuilder(ROOT).append('/').append(first);
		for (int i = 1; i < segments.size(); i++) {
			String segment = segments.get(i);
			String previous = segments.get(i - 1);
			if (segment.startsWith("$")) {
				template.append("/{operation}");
			}
			else if (i == 1 && segment.equals("_search")) {
				template.append("/_search");
			}
			else if (segment.equals("_history") && i <= 2) {
				template.append("/_history");
			}
			else if (i == 1) {
				template.append("/{id}");
			}
			else if (previous.equals("_history")) {
				template.append("/{vid}");
			}
			else {
				template.append("/{other}");
			}
			if (i == 3) {
				break;
			}
		}
		return template.toString();
	}

}
