package continuum.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import continuum.platform.ConflictException;
import continuum.platform.DatabaseFailure;
import continuum.platform.GoneException;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import continuum.platform.RequestTooLargeException;
import continuum.platform.VersionConflictException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;

/**
 * Translates the platform's domain exceptions, thrown by module services, into HAPI's
 * exceptions exactly once, so the client gets an OperationOutcome with 403, 404, 409,
 * 410, 412 or 422. Anything else, including HAPI's own 500 around whatever a provider
 * threw (its message quotes the exception, SQL and all), is a 500 that says only which
 * request id to look up: the log line under that id has the exception classes and frames,
 * without messages (they may quote patient data). Refusals are expected and audited where
 * they matter, so they are logged at DEBUG, without stack traces. A failure of the
 * database itself (unreachable, a standby, a commit whose outcome is unknown) is a 503
 * that says so ({@link DatabaseFailureException}), logged as a warning.
 */
@Interceptor
class DomainExceptionInterceptor {

	private static final Logger log = LoggerFactory.getLogger(DomainExceptionInterceptor.class);

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	BaseServerResponseException translate(RequestDetails request, Throwable exception,
			HttpServletRequest servletRequest, HttpServletResponse servletResponse) {
		return translated(request, exception);
	}

	/**
	 * The answer to a failure, logged as this class logs them: also for one entry of a
	 * batch, which fails without failing the request.
	 */
	static BaseServerResponseException translated(RequestDetails request, Throwable exception) {
		Throwable cause = unwrap(exception);
		BaseServerResponseException answer = answer(cause);
		if (answer != null && answer.getStatusCode() < 500) {
			log.debug("FHIR {} {} refused with {} (request {})", request.getRequestType(), request.getResourceName(),
					answer.getStatusCode(), request.getRequestId());
			return answer;
		}
		DatabaseFailure failure = DatabaseFailure.of(exception);
		if (failure != null) {
			String method = request.getRequestType().name();
			log.warn("FHIR {} {} met a database failure, {} (request {}): {}", method, request.getResourceName(),
					failure.seenBy(method), request.getRequestId(), continuum.platform.SafeLogging.describe(exception));
			return new DatabaseFailureException(failure.seenBy(method), DatabaseFailure.isWrite(method));
		}
		log.error("FHIR {} {} failed (request {}): {}", request.getRequestType(), request.getResourceName(),
				request.getRequestId(), continuum.platform.SafeLogging.describe(cause));
		return new InternalErrorException(
				"Internal error; the server log has the details under request id " + request.getRequestId());
	}

	/**
	 * The client error (4xx) a failure is, or null for a failure of the server, which
	 * {@link #translated} answers.
	 */
	static @Nullable BaseServerResponseException clientError(Throwable exception) {
		BaseServerResponseException answer = answer(unwrap(exception));
		return answer != null && answer.getStatusCode() < 500 ? answer : null;
	}

	/** The client error the failure is, or null for a failure of the server. */
	private static @Nullable BaseServerResponseException answer(Throwable cause) {
		if (cause instanceof ca.uhn.fhir.rest.server.exceptions.InvalidRequestException
				&& String.valueOf(cause.getMessage()).contains("HAPI-1821")) {
			// Well-formed, but a code outside its value set (gender "feminine"): an
			// invalid resource, not bad syntax.
			return new UnprocessableEntityException(cause.getMessage());
		}
		if (cause instanceof BaseServerResponseException hapi) {
			return hapi;
		}
		if (cause instanceof ca.uhn.fhir.parser.DataFormatException) {
			// A search parameter HAPI could not parse (birthdate=30-07-1985): the request
			// is malformed.
			return new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException(cause.getMessage());
		}
		if (cause instanceof RequestTooLargeException) {
			return new ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException(cause.getMessage());
		}
		if (cause instanceof AccessDeniedException) {
			return new ForbiddenOperationException(cause.getMessage());
		}
		if (cause instanceof VersionConflictException) {
			return new PreconditionFailedException(cause.getMessage());
		}
		if (cause instanceof ConflictException) {
			return new ResourceVersionConflictException(cause.getMessage());
		}
		if (cause instanceof NotFoundException) {
			return new ResourceNotFoundException(cause.getMessage());
		}
		if (cause instanceof GoneException) {
			return new ResourceGoneException(cause.getMessage());
		}
		if (cause instanceof InvalidInputException) {
			return new UnprocessableEntityException(cause.getMessage());
		}
		return null;
	}

	/**
	 * The first domain exception in the cause chain (HAPI wraps what providers throw),
	 * else the outermost.
	 */
	private static Throwable unwrap(Throwable exception) {
		for (Throwable current = exception; current != null; current = current.getCause()) {
			if (isDomain(current)) {
				return current;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return exception;
	}

	private static boolean isDomain(Throwable t) {
		return t instanceof AccessDeniedException || t instanceof RequestTooLargeException
				|| t instanceof ConflictException || t instanceof NotFoundException || t instanceof GoneException
				|| t instanceof InvalidInputException;
	}

}
