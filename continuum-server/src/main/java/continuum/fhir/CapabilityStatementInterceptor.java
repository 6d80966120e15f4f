package continuum.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Completes the generated CapabilityStatement with what a client must know and the
 * generator cannot see: how to authenticate (bearer tokens from {@code POST /api/token},
 * SMART-style scopes) and who publishes it.
 */
@Interceptor
class CapabilityStatementInterceptor {

	/**
	 * The SMART extension that names the OAuth endpoints (SMART App Launch 1, kept in 2).
	 */
	static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	void complete(IBaseConformance generated, RequestDetails request) {
		if (!(generated instanceof CapabilityStatement statement)) {
			return;
		}
		String base = request.getFhirServerBase();
		String root = base.endsWith("/fhir") ? base.substring(0, base.length() - "/fhir".length()) : base;
		statement.setPublisher("Continuum");
		statement.getSoftware().setName("Continuum").setVersion("0.1.0");
		for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
			CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
			security.setCors(false);
			security.addService(new CodeableConcept(
					new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")));
			security.addService(
					new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service",
							"SMART-on-FHIR", "SMART-on-FHIR")));
			Extension uris = security.addExtension().setUrl(OAUTH_URIS);
			uris.addExtension("authorize", new UriType(root + "/oauth/authorize"));
			uris.addExtension("token", new UriType(root + "/api/token"));
			// HAPI's generator lists transaction for the @Transaction method, which takes
			// batches as well.
			boolean transaction = rest.getInteraction()
				.stream()
				.anyMatch(i -> i.getCode() == CapabilityStatement.SystemRestfulInteraction.TRANSACTION);
			boolean batch = rest.getInteraction()
				.stream()
				.anyMatch(i -> i.getCode() == CapabilityStatement.SystemRestfulInteraction.BATCH);
			if (transaction && !batch) {
				rest.addInteraction()
					.setCode(CapabilityStatement.SystemRestfulInteraction.BATCH)
					.setDocumentation("POST a Bundle of type batch to the base; each entry succeeds or fails alone.");
			}
			for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
				declareConditionalsAndDeletes(resource);
			}
			security.setDescription("Every interaction except this statement needs 'Authorization: Bearer <token>'. "
					+ "Obtain a short-lived token (JWT) with POST /api/token (form fields username, password and "
					+ "optionally scope, in SMART App Launch 2 form such as user/Patient.rs); its scopes never exceed "
					+ "the user's role. SMART apps use the authorization code flow with PKCE (S256) described at "
					+ ".well-known/smart-configuration. Refusals answer 403 with an OperationOutcome and are audited.");
		}
	}

	/**
	 * What the generator cannot see: conditional update (which it declares for the types
	 * whose update takes a condition) matches on {@code _id}, and on Patient also
	 * {@code identifier}; no type takes a conditional delete
	 * ({@link ConditionalWriteInterceptor}); no role may delete today (docs/fhir.md); and
	 * PATCH takes JSON Patch only.
	 */
	private static void declareConditionalsAndDeletes(
			CapabilityStatement.CapabilityStatementRestResourceComponent resource) {
		boolean conditionalUpdate = resource.getConditionalUpdate();
		resource.setConditionalUpdate(conditionalUpdate);
		resource.setConditionalDelete(CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED);
		for (CapabilityStatement.ResourceInteractionComponent interaction : resource.getInteraction()) {
			if (interaction.getCode() == CapabilityStatement.TypeRestfulInteraction.UPDATE && conditionalUpdate) {
				interaction.setDocumentation("Also conditional: PUT " + resource.getType() + "?_id=[id]"
						+ ("Patient".equals(resource.getType()) ? " or ?identifier=[system|]value" : "")
						+ "; several matches 412, a body id other than the match's 400.");
			}
			else if (interaction.getCode() == CapabilityStatement.TypeRestfulInteraction.DELETE) {
				interaction.setDocumentation("Clinical entries are never deleted through the API today: no role's "
						+ "scopes include delete, so every DELETE is refused with 403.");
			}
			else if (interaction.getCode() == CapabilityStatement.TypeRestfulInteraction.PATCH) {
				interaction.setDocumentation("JSON Patch (application/json-patch+json) only; other formats 415.");
			}
		}
	}

}
