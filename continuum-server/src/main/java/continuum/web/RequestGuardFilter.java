package continuum.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any door's code, what no part of Continuum can handle: a URL longer
 * than {@value #MAXIMUM_URL_LENGTH} characters (414), and the NUL character (U+0000) in a
 * query or form parameter or in the conditional-create header {@code If-None-Exist} (400,
 * naming the parameter). No name, identifier or code holds a NUL, and PostgreSQL cannot
 * store or compare one: it used to fail the statement, a 500. Paths with {@code %00}
 * never get here: Tomcat refuses them ({@link ConnectorErrorValve}).
 */
class RequestGuardFilter extends OncePerRequestFilter {

	/** The longest path plus query accepted, in characters as sent (percent-escapes). */
	static final int MAXIMUM_URL_LENGTH = 8192;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		int length = request.getRequestURI().length() + (query == null ? 0 : query.length() + 1);
		if (length > MAXIMUM_URL_LENGTH) {
			refuse(request, response, 414, "The URL is " + length + " characters long; this server accepts at most "
					+ MAXIMUM_URL_LENGTH + " (send long searches as a POST form)");
			return;
		}
		String parameter = parameterWithNul(request, query);
		if (parameter != null) {
			refuse(request, response, 400,
					"The parameter '" + parameter + "' holds the NUL character (%00), which no value may contain");
			return;
		}
		String ifNoneExist = request.getHeader("If-None-Exist");
		if (ifNoneExist != null && (ifNoneExist.indexOf('\0') >= 0 || hasEscapedNul(ifNoneExist))) {
			refuse(request, response, 400,
					"The If-None-Exist header holds the NUL character (%00), which no search value may contain");
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * The first parameter whose name or value holds a NUL: in the query string as sent,
	 * without parsing it (the common case costs a scan), and in a form body.
	 */
	private static @Nullable String parameterWithNul(HttpServletRequest request, @Nullable String query) {
		if (query != null && hasEscapedNul(query)) {
			for (String pair : query.split("&")) {
				if (hasEscapedNul(pair)) {
					int equals = pair.indexOf('=');
					return printable(equals < 0 ? pair : pair.substring(0, equals));
				}
			}
		}
		String contentType = request.getContentType();
		if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
			for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
				if (parameter.getKey().indexOf('\0') >= 0) {
					return printable(parameter.getKey());
				}
				for (String value : parameter.getValue()) {
					if (value.indexOf('\0') >= 0) {
						return printable(parameter.getKey());
					}
				}
			}
		}
		return null;
	}

	private static boolean hasEscapedNul(String text) {
		// A literal "%00" typed by a user arrives escaped as %2500, which this does not
		// match.
		return text.contains("%00");
	}

	private static String printable(String name) {
		String shown = name.replace("%00", "").replace("\0", "");
		return shown.length() > 64 ? shown.substring(0, 64) + "…" : shown;
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String message)
			throws IOException {
		request.setAttribute(ErrorPageController.MESSAGE, message);
		response.sendError(status);
	}

}
