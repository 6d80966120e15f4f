package continuum.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error report for what it refuses before the application sees the request: a
 * malformed escape, an encoded slash or {@code %00} in the path, characters a query may
 * not hold, a request line or headers beyond the connector's limit. In place of Tomcat's
 * HTML page, the refusal comes in the form of the door it was sent to
 * ({@link ErrorBodies}); a request line too long to read is a 414 and headers too large
 * are a 431 (RFC 9110 §15.5.15, RFC 6585 §5), where Tomcat says 400 for both.
 */
class ConnectorErrorValve extends ErrorReportValve {

	private static final Logger log = LoggerFactory.getLogger(ConnectorErrorValve.class);

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String path = request.getRequestURI();
		Object failure = throwable != null ? throwable : request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		if (status == 400 && failure instanceof IllegalArgumentException tooLarge && tooLarge.getMessage() != null
				&& tooLarge.getMessage().contains("too large")) {
			// Tomcat reads the request line and the headers into one buffer: when the
			// path is
			// not known, the request line did not fit.
			status = path == null || path.isEmpty() ? 414 : 431;
		}
		String message = switch (status) {
			case 414 -> "The request line is longer than this server accepts (see the documented limits)";
			case 431 -> "The request headers are larger than this server accepts (see the documented limits)";
			case 400 -> "The request is malformed: its path, query or headers hold something HTTP does not allow "
					+ "here (an encoded slash %2F or %00 in the path, a broken %-escape, a character a query may "
					+ "not hold unencoded, a malformed header)";
			default -> "The request could not be handled (" + ErrorBodies.heading(status).toLowerCase() + ")";
		};
		try {
			response.setSuspended(false);
			response.resetBuffer();
			ErrorBodies.write(response.getResponse(), ErrorBodies.Door.of(path), status, message);
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			log.debug("Could not write the error report for a refused request: {}", ex.getClass().getName());
		}
	}

}
