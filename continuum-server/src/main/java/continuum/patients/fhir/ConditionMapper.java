package continuum.patients.fhir;

import java.util.Date;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import continuum.fhir.ResourceIds;
import continuum.patients.PatientId;
import continuum.patients.Problem;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Reference;

/**
 * Maps problem-list entries to FHIR R4 Condition (category problem-list-item) and back.
 * An entry verified as entered-in-error carries no clinical status (con-5); every other
 * one must have one (con-3).
 */
final class ConditionMapper {

	static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";

	static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

	static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";

	private ConditionMapper() {
	}

	static Condition toFhir(Problem problem) {
		Condition resource = new Condition();
		resource.setId("Condition/" + problem.id() + "/_history/" + problem.version());
		resource.setMeta(new Meta().setVersionId(Integer.toString(problem.version()))
			.setLastUpdated(Date.from(problem.lastUpdated())));
		if (!"entered-in-error".equals(problem.verificationStatus())) {
			resource.setClinicalStatus(ClinicalCodes.status(CLINICAL, problem.clinicalStatus()));
		}
		resource.setVerificationStatus(ClinicalCodes.status(VERIFICATION, problem.verificationStatus()));
		resource.addCategory(ClinicalCodes.status(CATEGORY, "problem-list-item"));
		resource.setCode(ClinicalCodes.concept(problem.code()));
		resource.setSubject(new Reference("Patient/" + problem.patient().asString()));
		if (problem.onset() != null) {
			resource.setOnset(FhirDates.dateTime(problem.onset()));
		}
		return resource;
	}

	static Problem fromFhir(Condition resource) {
		PatientId patient = new PatientId(ResourceIds.required(resource.getSubject(), "Patient", "Condition.subject"));
		String verification = ClinicalCodes.status(resource.getVerificationStatus(), VERIFICATION,
				"Condition.verificationStatus");
		verification = verification == null ? "unconfirmed" : verification;
		String clinical = ClinicalCodes.status(resource.getClinicalStatus(), CLINICAL, "Condition.clinicalStatus");
		if (clinical == null) {
			if (!"entered-in-error".equals(verification)) {
				throw new UnprocessableEntityException(
						"Condition.clinicalStatus is required unless entered-in-error (con-3)");
			}
			clinical = "inactive";
		}
		return Problem.of(patient, ClinicalCodes.code(resource.getCode(), "Condition.code"), clinical, verification,
				resource.hasOnsetDateTimeType() ? FhirDates.date(resource.getOnsetDateTimeType()) : null);
	}

}
