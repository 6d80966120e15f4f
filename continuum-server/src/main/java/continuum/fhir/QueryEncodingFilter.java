package continuum.fhir;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a FHIR request whose query string has a malformed percent-escape (a {@code %}
 * not followed by two hexadecimal digits) with 400 and an OperationOutcome. HAPI's query
 * parser throws on such an escape before any interceptor runs, which would otherwise be
 * answered as an internal error.
 */
class QueryEncodingFilter extends OncePerRequestFilter {

	static final String MESSAGE = "The query string has a malformed percent-escape: every '%' must be followed by "
			+ "two hexadecimal digits (a '%' itself is written %25)";

	private static final byte[] OUTCOME = OperationOutcomeJson.of("invalid", MESSAGE);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		if (query == null || wellEscaped(query)) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType(OperationOutcomeJson.CONTENT_TYPE);
		response.setContentLength(OUTCOME.length);
		response.getOutputStream().write(OUTCOME);
	}

	static boolean wellEscaped(String query) {
		for (int i = 0; i < query.length(); i++) {
			if (query.charAt(i) == '%') {
				if (i + 2 >= query.length() || !hex(query.charAt(i + 1)) || !hex(query.charAt(i + 2))) {
					return false;
				}
				i += 2;
			}
		}
		return true;
	}

	private static boolean hex(char c) {
		return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
	}

}
