package continuum.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * Completes the generated CapabilityStatement with what a client must know and the
 * generator cannot see: how to authenticate (bearer tokens from {@code POST /api/token},
 * SMART-style scopes) and who publishes it.
 */
@Interceptor
class CapabilityStatementInterceptor {

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	void complete(IBaseConformance generated) {
		if (!(generated instanceof CapabilityStatement statement)) {
			return;
		}
		statement.setPublisher("Continuum");
		statement.getSoftware().setName("Continuum").setVersion("0.1.0");
		for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
			CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
			security.setCors(false);
			security.addService(new CodeableConcept(
					new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")));
			security.setDescription("Every interaction except this statement needs 'Authorization: Bearer <token>'. "
					+ "Obtain a short-lived token (JWT) with POST /api/token (form fields username, password and "
					+ "optionally scope, in SMART App Launch 2 form such as user/Patient.rs); its scopes never exceed "
					+ "the user's role. Refusals answer 403 with an OperationOutcome and are audited.");
		}
	}

}
