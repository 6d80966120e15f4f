package continuum.security;

import java.io.IOException;
import java.time.Duration;

import continuum.fhir.OperationOutcomeJson;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A {@code 429 Too Many Requests} answer (RFC 6585 §4) with {@code Retry-After} in
 * seconds, in the door's own form: an OperationOutcome ({@code throttled}) on
 * {@code /fhir}, the OAuth 2 error form at {@code /api/token}, a problem document on the
 * other APIs, and in the web UI the page the user was on (the sign-in page, or the
 * password page) with a message.
 */
final class TooManyRequests {

	/**
	 * The request attribute that tells the sign-in and password pages to say how long to
	 * wait (seconds).
	 */
	static final String RETRY_AFTER_ATTRIBUTE = "continuum.retryAfterSeconds";

	private TooManyRequests() {
	}

	static void send(HttpServletRequest request, HttpServletResponse response, Duration wait)
			throws IOException, ServletException {
		long seconds = RateLimiter.seconds(wait);
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String message = "Too many requests: try again in " + seconds + " s";
		response.setStatus(429);
		response.setHeader("Retry-After", Long.toString(seconds));
		response.setHeader("Cache-Control", "no-store");
		response.setCharacterEncoding("UTF-8");
		if (path.startsWith("/fhir")) {
			response.setContentType(OperationOutcomeJson.CONTENT_TYPE);
			response.getOutputStream().write(OperationOutcomeJson.of("throttled", message));
		}
		else if (path.equals("/api/token")) {
			response.setContentType("application/json");
			response.getWriter()
				.write("{\"error\":\"temporarily_unavailable\",\"error_description\":\""
						+ OperationOutcomeJson.escaped(message) + "\"}");
		}
		else if (path.startsWith("/api/") || path.startsWith("/dicomweb") || path.startsWith("/actuator")) {
			response.setContentType("application/problem+json");
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\""
						+ OperationOutcomeJson.escaped(message) + "\"}");
		}
		else {
			request.setAttribute(RETRY_AFTER_ATTRIBUTE, seconds);
			String page = "/account/password".equals(path) ? path : "/login";
			request.getRequestDispatcher(page).forward(new HttpServletRequestWrapper(request) {
				@Override
				public String getMethod() {
					return "GET";
				}
			}, response);
		}
	}

}
