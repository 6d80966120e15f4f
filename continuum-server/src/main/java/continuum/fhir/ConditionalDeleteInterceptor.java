package continuum.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;

/**
 * Conditional delete, {@code DELETE [type]?[search]} (R4 http.html#cdelete), is not
 * served: no clinical record is ever deleted through the API (no role's scopes include
 * delete on clinical data), so a delete names its resource by id. Refused with 405 and an
 * OperationOutcome before any handler is chosen, rather than left to the type's delete
 * (which would read it as a delete without id) or to HAPI's "unknown interaction".
 */
@Interceptor
class ConditionalDeleteInterceptor {

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
	void refuse(RequestDetails request) {
		if (request.getRequestType() == RequestTypeEnum.DELETE && request.getResourceName() != null
				&& request.getOperation() == null && (request.getId() == null || !request.getId().hasIdPart())) {
			throw notSupported();
		}
	}

	static MethodNotAllowedException notSupported() {
		return new MethodNotAllowedException(
				"Conditional delete (DELETE [type]?[search]) is not supported: "
						+ "nothing is deleted by a search here; a delete names its resource by id ([type]/[id])",
				RequestTypeEnum.GET);
	}

}
