package continuum.subscriptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a subscription's channel may be: {@code rest-hook} only; an {@code https://}
 * endpoint, or {@code http://} to a host of the {@code plain-http-hosts} setting; no
 * credentials or fragment in the URL; a payload of {@code application/fhir+json},
 * {@code application/fhir+xml} or none; headers of the form {@code Name: value} that the
 * sender may set.
 */
@Component
class ChannelRules {

	static final String REST_HOOK = "rest-hook";

	static final Set<String> PAYLOADS = Set.of("application/fhir+json", "application/fhir+xml");

	/** RFC 9110 §5.1 token characters. */
	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");

	/** Headers the HTTP client sets itself or the notification's meaning depends on. */
	private static final Set<String> RESERVED = Set.of("host", "content-length", "content-type", "connection",
			"transfer-encoding", "expect", "upgrade", "te", "trailer", "keep-alive", "proxy-connection");

	private final SubscriptionSettings settings;

	ChannelRules(SubscriptionSettings settings) {
		this.settings = settings;
	}

	void checkType(@Nullable String type) {
		if (type == null || type.isBlank()) {
			throw new InvalidInputException("Subscription.channel.type is required; this server supports rest-hook");
		}
		if (!REST_HOOK.equals(type)) {
			throw new InvalidInputException(
					"Subscription.channel.type " + type + " is not supported; this server notifies by rest-hook only");
		}
	}

	URI checkEndpoint(@Nullable String endpoint) {
		if (endpoint == null || endpoint.isBlank()) {
			throw new InvalidInputException("Subscription.channel.endpoint is required for a rest-hook");
		}
		URI uri;
		try {
			uri = new URI(endpoint);
		}
		catch (URISyntaxException ex) {
			throw new InvalidInputException("Subscription.channel.endpoint is not a URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
		if (host == null || !uri.isAbsolute() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			throw new InvalidInputException(
					"Subscription.channel.endpoint must be an absolute http(s) URL with a host, "
							+ "without user information or fragment");
		}
		if (scheme.equals("https")) {
			return uri;
		}
		if (scheme.equals("http")) {
			if (settings.plainHttpHosts().contains(host)) {
				return uri;
			}
			throw new InvalidInputException("Subscription.channel.endpoint must be https://; plain http:// is allowed "
					+ "only to the hosts of the setting continuum.subscriptions.plain-http-hosts, and " + host
					+ " is not one of them");
		}
		throw new InvalidInputException("Subscription.channel.endpoint must be an https:// URL, not " + scheme + ":");
	}

	@Nullable String checkPayload(@Nullable String payload) {
		if (payload == null || payload.isBlank()) {
			return null;
		}
		String type = payload.strip();
		if (!PAYLOADS.contains(type)) {
			throw new InvalidInputException("Subscription.channel.payload " + type
					+ " is not supported; use application/fhir+json, application/fhir+xml, or none");
		}
		return type;
	}

	List<String> checkHeaders(List<String> headers) {
		for (String header : headers) {
			int colon = header.indexOf(':');
			String name = colon < 0 ? header : header.substring(0, colon).strip();
			if (colon < 0 || !HEADER_NAME.matcher(name).matches()) {
				throw new InvalidInputException(
						"Subscription.channel.header must be 'Name: value'; a header has no valid name");
			}
			String value = header.substring(colon + 1);
			if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
				throw new InvalidInputException(
						"Subscription.channel.header " + name + " has a control character in its value");
			}
			if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
				throw new InvalidInputException(
						"Subscription.channel.header " + name + " is set by the server and cannot be given");
			}
		}
		return headers.stream()
			.map(h -> h.substring(0, h.indexOf(':')).strip() + ": " + h.substring(h.indexOf(':') + 1).strip())
			.toList();
	}

}
