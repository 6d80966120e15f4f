package continuum.fhir;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletSubRequestDetails;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a batch or transaction Bundle as a request of its own. It shares the
 * Bundle's caller and servlet request, but the headers that belong to an interaction
 * (conditions, preferences, content type) are the entry's only: a condition sent on the
 * Bundle's POST must never apply to an entry that did not ask for it.
 */
final class EntryRequest extends ServletSubRequestDetails {

	private static final Set<String> OWN = Set.of(Constants.HEADER_IF_MATCH.toLowerCase(),
			Constants.HEADER_IF_NONE_EXIST.toLowerCase(), Constants.HEADER_IF_NONE_MATCH.toLowerCase(),
			Constants.HEADER_IF_MODIFIED_SINCE.toLowerCase(), Constants.HEADER_PREFER.toLowerCase(),
			Constants.HEADER_CONTENT_TYPE.toLowerCase(), Constants.HEADER_ACCEPT.toLowerCase());

	private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

	EntryRequest(ServletRequestDetails bundleRequest) {
		super(bundleRequest);
	}

	void header(String name, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			headers.put(name, value);
		}
	}

	/**
	 * The entry's body is what the dispatcher set: a resource encoded as JSON, or a
	 * Binary's bytes (a JSON Patch), UTF-8 either way (RFC 8259). The servlet request
	 * behind a sub-request has none to say.
	 */
	@Override
	public Charset getCharset() {
		return StandardCharsets.UTF_8;
	}

	@Override
	public @Nullable String getHeader(String name) {
		if (headers.containsKey(name)) {
			return headers.get(name);
		}
		return OWN.contains(name.toLowerCase()) ? null : super.getHeader(name);
	}

	@Override
	public List<String> getHeaders(String name) {
		if (headers.containsKey(name)) {
			return List.of(headers.get(name));
		}
		return OWN.contains(name.toLowerCase()) ? List.of() : super.getHeaders(name);
	}

}
