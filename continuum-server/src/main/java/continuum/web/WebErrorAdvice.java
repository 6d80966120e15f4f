package continuum.web;

import continuum.platform.ConflictException;
import continuum.platform.GoneException;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;

/**
 * Translates domain errors once for the web edge: 403, 404, 409, 410 and 422 pages for
 * people, {@code ProblemDetail} bodies for JSON endpoints under {@code /api}. Messages
 * carry ids and states, never patient data.
 */
@ControllerAdvice
class WebErrorAdvice {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WebErrorAdvice.class);

	@ExceptionHandler({ NotFoundException.class, GoneException.class, ConflictException.class,
			InvalidInputException.class, AccessDeniedException.class })
	Object domain(RuntimeException ex, HandlerMethod handler, HttpServletResponse response) {
		if (ex instanceof NotFoundException) {
			return answer(HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), handler, response);
		}
		if (ex instanceof GoneException) {
			return answer(HttpStatus.GONE, "No longer available", ex.getMessage(), handler, response);
		}
		if (ex instanceof ConflictException) {
			return answer(HttpStatus.CONFLICT, "Conflict", ex.getMessage(), handler, response);
		}
		if (ex instanceof InvalidInputException) {
			return answer(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid input", ex.getMessage(), handler, response);
		}
		return answer(HttpStatus.FORBIDDEN, "Not allowed", ex.getMessage(), handler, response);
	}

	/**
	 * Anything unexpected: a 500 page or ProblemDetail, and a log line without exception
	 * messages (they may quote patient data), tied together by an incident number.
	 */
	@ExceptionHandler(Exception.class)
	Object unexpected(Exception ex, HandlerMethod handler, HttpServletResponse response) {
		String incident = java.util.UUID.randomUUID().toString().substring(0, 8);
		log.error("Web request failed in {} (incident {}): {}", handler.getShortLogMessage(), incident,
				continuum.platform.SafeLogging.describe(ex));
		return answer(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
				"The request could not be completed. Quote incident " + incident + " to the service desk.", handler,
				response);
	}

	private static Object answer(HttpStatus status, String heading, String message, HandlerMethod handler,
			HttpServletResponse response) {
		if (handler.getBeanType().isAnnotationPresent(RestController.class)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
			problem.setTitle(heading);
			return ResponseEntity.status(status).body(problem);
		}
		response.setStatus(status.value());
		ModelAndView page = new ModelAndView("web/error", status);
		page.addObject("heading", heading);
		page.addObject("message", message);
		return page;
	}

}
