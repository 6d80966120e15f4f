package continuum.web;

import java.io.IOException;
import java.util.UUID;

import continuum.platform.SafeLogging;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The container's error page ({@code /error}), in place of Spring Boot's: answers what no
 * controller answered (a request the firewall refused, a page that does not exist, a
 * failure in a filter or a view) in the form of the door it came through. A failure is a
 * 500 with an incident number, logged once under that number with exception classes and
 * frames but no messages (they may quote SQL or patient data); a refusal says only what
 * was wrong with the request.
 */
@Controller
class ErrorPageController implements ErrorController {

	/**
	 * A request attribute holding the message for the client, set by code of ours that
	 * refuses a request with {@code sendError}; other messages are never shown.
	 */
	static final String MESSAGE = ErrorPageController.class.getName() + ".message";

	private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

	@RequestMapping("/error")
	@Nullable ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = code instanceof Integer number && number >= 400 ? number : 500;
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		ErrorBodies.Door door = ErrorBodies.Door.of(path instanceof String uri ? uri : null);
		String message;
		if (status >= 500) {
			String incident = UUID.randomUUID().toString().substring(0, 8);
			Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
			log.error("Request to {} failed with {} (incident {}): {}", door, status, incident,
					failure instanceof Throwable t ? SafeLogging.describe(t) : "no exception");
			message = "The request could not be completed. Quote incident " + incident + " to the service desk.";
		}
		else {
			Object ours = request.getAttribute(MESSAGE);
			message = ours instanceof String text ? text
					: "The request could not be handled (" + ErrorBodies.heading(status).toLowerCase() + ").";
		}
		if (door != ErrorBodies.Door.PAGE) {
			ErrorBodies.write(response, door, status, message);
			return null;
		}
		response.setStatus(status);
		HttpStatus known = HttpStatus.resolve(status);
		return ErrorBodies.page(known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known, ErrorBodies.heading(status),
				message);
	}

}
