package continuum.web;

import continuum.platform.ConflictException;
import continuum.platform.DatabaseFailure;
import continuum.platform.GoneException;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Translates domain errors once for the web edge: 403, 404, 409, 410 and 422 pages for
 * people, {@code ProblemDetail} bodies for the JSON endpoints under {@code /api}.
 * Messages carry ids and states, never patient data, SQL or exception class names. A
 * failure of the database itself is a 503 ({@link DatabaseFailurePages}), never a 500.
 */
@ControllerAdvice
class WebErrorAdvice {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WebErrorAdvice.class);

	@ExceptionHandler({ NotFoundException.class, GoneException.class, ConflictException.class,
			InvalidInputException.class, AccessDeniedException.class })
	Object domain(RuntimeException ex, HttpServletRequest request, HttpServletResponse response) {
		if (ex instanceof NotFoundException) {
			return answer(HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), request, response);
		}
		if (ex instanceof GoneException) {
			return answer(HttpStatus.GONE, "No longer available", ex.getMessage(), request, response);
		}
		if (ex instanceof ConflictException) {
			return answer(HttpStatus.CONFLICT, "Conflict", ex.getMessage(), request, response);
		}
		if (ex instanceof InvalidInputException) {
			return answer(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid input", ex.getMessage(), request, response);
		}
		return answer(HttpStatus.FORBIDDEN, "Not allowed", ex.getMessage(), request, response);
	}

	/**
	 * Anything unexpected: a 500 page or ProblemDetail, and a log line without exception
	 * messages (they may quote patient data or SQL), tied together by an incident number.
	 * Spring's own refusals (no such page, a method or parameter the endpoint does not
	 * take) keep their 4xx status, with a message that does not quote the request.
	 */
	@ExceptionHandler(Exception.class)
	Object unexpected(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		DatabaseFailure failure = DatabaseFailure.of(ex);
		if (failure != null) {
			return databaseFailure(ex, failure.seenBy(request.getMethod()), request, response);
		}
		HttpStatus status = refusal(ex);
		if (status != null) {
			return answer(status, ErrorBodies.heading(status.value()),
					"The request could not be handled ("
							+ ErrorBodies.heading(status.value()).toLowerCase(java.util.Locale.ROOT) + ").",
					request, response);
		}
		String incident = java.util.UUID.randomUUID().toString().substring(0, 8);
		log.error("Web request {} failed (incident {}): {}", ErrorBodies.Door.of(request.getRequestURI()), incident,
				continuum.platform.SafeLogging.describe(ex));
		return answer(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
				"The request could not be completed. Quote incident " + incident + " to the service desk.", request,
				response);
	}

	/**
	 * The database could not be reached, or lost a commit's answer: a 503 that says so
	 * and whether anything may have been saved, never a 500.
	 */
	private static Object databaseFailure(Exception ex, DatabaseFailure failure, HttpServletRequest request,
			HttpServletResponse response) {
		log.warn("Web request {} met a database failure, {}: {}", ErrorBodies.Door.of(request.getRequestURI()), failure,
				continuum.platform.SafeLogging.describe(ex));
		boolean write = DatabaseFailure.isWrite(request.getMethod());
		DatabaseFailurePages.headers(response, failure, write);
		if (ErrorBodies.Door.of(request.getRequestURI()) == ErrorBodies.Door.API) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					failure.message(write));
			problem.setTitle("Service unavailable");
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
		}
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		return ErrorBodies.page(HttpStatus.SERVICE_UNAVAILABLE, DatabaseFailurePages.heading(failure),
				DatabaseFailurePages.message(failure, write));
	}

	/** The 4xx status of a request Spring could not map onto the handler, or null. */
	private static @Nullable HttpStatus refusal(Exception ex) {
		if (ex instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
			return HttpStatus.valueOf(response.getStatusCode().value());
		}
		if (ex instanceof TypeMismatchException || ex instanceof HttpMessageNotReadableException) {
			return HttpStatus.BAD_REQUEST;
		}
		return null;
	}

	/** A ProblemDetail under {@code /api}, the error page elsewhere. */
	private static Object answer(HttpStatus status, String heading, String message, HttpServletRequest request,
			HttpServletResponse response) {
		if (ErrorBodies.Door.of(request.getRequestURI()) == ErrorBodies.Door.API) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
			problem.setTitle(heading);
			return ResponseEntity.status(status).body(problem);
		}
		response.setStatus(status.value());
		return ErrorBodies.page(status, heading, message);
	}

}
