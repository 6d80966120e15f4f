package continuum.web;

import java.io.IOException;

import continuum.platform.DatabaseFailure;
import continuum.platform.SafeLogging;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter: a database failure that escapes everything inside it (the session
 * store, the bearer token check, the CSRF token, an idempotent write's commit) is
 * answered here with 503 in the door's form ({@link ErrorBodies#writeDatabaseFailure}).
 * The container's error page cannot answer it: its dispatch passes the session store and
 * the signed-in user's page model again, which need the database. Failures inside a
 * controller or a FHIR provider are answered where they happen ({@link WebErrorAdvice},
 * the FHIR server's exception translation), in the same form.
 */
class DatabaseFailureFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseFailureFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			DatabaseFailure failure = DatabaseFailure.of(ex);
			if (failure == null || response.isCommitted()) {
				throw ex;
			}
			String method = request.getMethod();
			ErrorBodies.Door door = ErrorBodies.Door.of(request.getRequestURI());
			log.warn("{} to {} met a database failure, {}: {}", method, door, failure.seenBy(method),
					SafeLogging.describe(ex));
			response.reset();
			ErrorBodies.writeDatabaseFailure(response, door, failure.seenBy(method), DatabaseFailure.isWrite(method));
		}
	}

}
