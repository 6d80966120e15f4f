package continuum.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Refuses request bodies over the configured limit with 413 and an OperationOutcome,
 * before parsing them.
 */
@Interceptor
class RequestSizeInterceptor {

	private final long maximumBytes;

	RequestSizeInterceptor(long maximumBytes) {
		this.maximumBytes = maximumBytes;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
	boolean check(HttpServletRequest request) {
		long length = request.getContentLengthLong();
		if (length > maximumBytes) {
			throw new PayloadTooLargeException(
					"Request body of " + length + " bytes exceeds the limit of " + maximumBytes + " bytes");
		}
		return true;
	}

}
