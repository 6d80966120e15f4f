package continuum.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;

/**
 * Conditional delete and conditional patch ({@code DELETE [type]?[search]},
 * {@code PATCH [type]?[search]}, R4 http.html#cdelete and #patch) are not served: no
 * clinical record is ever deleted through the API (no role's scopes include delete on
 * clinical data), and a patch names its resource by id. Both are refused with 405 and an
 * OperationOutcome before any handler is chosen, rather than left to the type's delete or
 * patch (which would take them for a request without an id) or to HAPI's "unknown
 * interaction". Conditional update is served by the types that take one
 * ({@link ConditionalUpdate}).
 */
@Interceptor
class ConditionalWriteInterceptor {

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
	void refuse(RequestDetails request) {
		RequestTypeEnum method = request.getRequestType();
		if ((method == RequestTypeEnum.DELETE || method == RequestTypeEnum.PATCH) && request.getResourceName() != null
				&& request.getOperation() == null && (request.getId() == null || !request.getId().hasIdPart())) {
			throw notSupported(method.name());
		}
	}

	/** The refusal of a {@code DELETE} or {@code PATCH} that names no resource by id. */
	static MethodNotAllowedException notSupported(String method) {
		String interaction = method.toLowerCase(java.util.Locale.ROOT);
		return new MethodNotAllowedException("Conditional " + interaction + " (" + method
				+ " [type]?[search]) is not supported: a " + interaction + " names its resource by id ([type]/[id])",
				RequestTypeEnum.GET);
	}

}
