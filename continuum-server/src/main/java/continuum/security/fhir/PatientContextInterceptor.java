package continuum.security.fhir;

import java.util.Set;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import continuum.security.AccessControl;
import continuum.security.CurrentUser;
import continuum.security.Interaction;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Limits the searches of a SMART app whose token reaches a type through {@code patient/}
 * scopes alone to the patient in its launch context (SMART App Launch 2, "Scopes and
 * Launch Context"): a search that names no patient is given {@code patient} (or
 * {@code _id} on Patient) = that patient; one that names another patient is refused
 * (403). This is the friendly half: the security module's patient gate refuses every
 * audited access to another patient's data, whatever path it took (a read, an include, a
 * type without a patient parameter), so a search that would still reach one fails whole.
 */
@Component
@Interceptor
public class PatientContextInterceptor {

	/** The types we serve whose search has a {@code patient} parameter. */
	private static final Set<String> BY_PATIENT = Set.of("AllergyIntolerance", "MedicationStatement", "Condition",
			"Encounter", "Appointment", "ServiceRequest", "Specimen", "Observation", "DiagnosticReport",
			"ImagingStudy");

	private final CurrentUser currentUser;

	private final AccessControl access;

	PatientContextInterceptor(CurrentUser currentUser, AccessControl access) {
		this.currentUser = currentUser;
		this.access = access;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean limitSearch(RequestDetails request) {
		String type = request.getResourceName();
		if (request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE || type == null) {
			return true;
		}
		String patient = currentUser.patientContext(type, Interaction.SEARCH);
		if (patient == null) {
			return true;
		}
		String parameter = "Patient".equals(type) ? "_id" : BY_PATIENT.contains(type) ? "patient" : null;
		if (parameter == null) {
			return true;
		}
		String[] given = request.getParameters().get(parameter);
		if (given == null) {
			request.addParameter(parameter, new String[] { "Patient".equals(type) ? patient : "Patient/" + patient });
			return true;
		}
		for (String values : given) {
			for (String value : values.split(",")) {
				String id = value.substring(value.lastIndexOf('/') + 1);
				if (!id.equals(patient)) {
					try {
						// Refused and audited by the patient gate, as any access to
						// another
						// patient.
						access.require(type, Interaction.SEARCH, null, id);
					}
					catch (AccessDeniedException ex) {
						throw new ForbiddenOperationException(ex.getMessage());
					}
					throw new ForbiddenOperationException(
							"This token's patient/ scopes reach only the patient of its launch (" + patient + ")");
				}
			}
		}
		return true;
	}

}
