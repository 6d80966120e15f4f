package continuum.smart.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The redirects back to an app's redirect URI (RFC 6749 §4.1.2 and §4.1.2.1): the code or
 * the error, with the request's {@code state}, added to the URI's own query, each value
 * percent-encoded whole.
 */
final class AuthorizationRedirects {

	private AuthorizationRedirects() {
	}

	static void code(HttpServletResponse response, String redirectUri, String code, String state) throws IOException {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("code", code);
		parameters.put("state", state);
		send(response, redirectUri, parameters);
	}

	static void error(HttpServletResponse response, String redirectUri, String error, String description,
			@Nullable String state) throws IOException {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("error", error);
		parameters.put("error_description", description);
		if (state != null) {
			parameters.put("state", state);
		}
		send(response, redirectUri, parameters);
	}

	/** Adds {@code name={name}} variables, expanded with strict encoding. */
	private static void send(HttpServletResponse response, String redirectUri, Map<String, String> parameters)
			throws IOException {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(redirectUri);
		parameters.keySet().forEach(name -> uri.queryParam(name, "{" + name + "}"));
		response.setHeader("Cache-Control", "no-store");
		response.sendRedirect(uri.encode().buildAndExpand(parameters).toUriString());
	}

}
