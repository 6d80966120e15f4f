package continuum.security.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Checks the caller's role and token scopes against the resource type and interaction
 * before any provider runs, so that a refused request is refused (403, audited) before
 * its body is validated or its target looked up. Module services check again: this is the
 * first of two doors, not the only one. The FHIR server registers it as it registers
 * every Spring bean that is a HAPI {@link Interceptor}, so that the server module does
 * not depend on security.
 */
@Component
@Interceptor
public class AccessCheckInterceptor {

	private final AccessControl access;

	AccessCheckInterceptor(AccessControl access) {
		this.access = access;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void check(RequestDetails request, RestOperationTypeEnum operation) {
		String type = request.getResourceName();
		Interaction interaction = interaction(operation);
		if (type == null || interaction == null) {
			return;
		}
		String id = request.getId() == null ? null : request.getId().getIdPart();
		String patient = "Patient".equals(type) ? id : null;
		try {
			access.require(type, interaction, id, patient);
		}
		catch (AccessDeniedException ex) {
			throw new ForbiddenOperationException(ex.getMessage());
		}
	}

	private static Interaction interaction(RestOperationTypeEnum operation) {
		return switch (operation) {
			case READ, VREAD, HISTORY_INSTANCE, EXTENDED_OPERATION_INSTANCE -> Interaction.READ;
			case SEARCH_TYPE, HISTORY_TYPE, EXTENDED_OPERATION_TYPE -> Interaction.SEARCH;
			case CREATE -> Interaction.CREATE;
			case UPDATE, PATCH -> Interaction.UPDATE;
			case DELETE -> Interaction.DELETE;
			default -> null;
		};
	}

}
