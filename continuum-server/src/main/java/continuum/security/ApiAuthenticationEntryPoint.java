package continuum.security;

import java.io.IOException;

import continuum.fhir.OperationOutcomeJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers unauthenticated API requests with 401, a {@code WWW-Authenticate: Bearer}
 * challenge and a body in the API's own error form: an OperationOutcome on {@code /fhir},
 * an OAuth 2 error elsewhere; with 429 once the source address has spent its
 * {@link UnauthenticatedLimit}.
 */
class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final UnauthenticatedLimit limit;

	ApiAuthenticationEntryPoint(UnauthenticatedLimit limit) {
		this.limit = limit;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (limit.refused(request, response)) {
			return;
		}
		reject(request, response, null, "Authentication is required: obtain a token from POST /api/token");
	}

	/**
	 * Counts a refusal decided elsewhere (a bearer token refused) against the source
	 * address; true if the request was answered with 429 instead.
	 */
	boolean refusedForLimit(HttpServletRequest request, HttpServletResponse response) throws IOException {
		return limit.refused(request, response);
	}

	void reject(HttpServletRequest request, HttpServletResponse response, String error, String description)
			throws IOException {
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader("WWW-Authenticate",
				"Bearer realm=\"continuum\"" + (error == null ? "" : ", error=\"" + error + "\""));
		response.setCharacterEncoding("UTF-8");
		if (request.getRequestURI().startsWith(request.getContextPath() + "/fhir")) {
			response.setContentType(OperationOutcomeJson.CONTENT_TYPE);
			response.getOutputStream().write(OperationOutcomeJson.of("login", description));
		}
		else {
			response.setContentType("application/json");
			response.getWriter()
				.write("{\"error\":\"" + (error == null ? "unauthorized" : error) + "\",\"error_description\":\""
						+ description + "\"}");
		}
	}

}
