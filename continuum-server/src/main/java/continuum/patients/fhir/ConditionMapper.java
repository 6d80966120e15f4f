package continuum.patients.fhir;

import java.util.Date;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import continuum.fhir.ResourceIds;
import continuum.patients.PatientId;
import continuum.patients.Problem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Reference;

/**
 * Maps the record's conditions to FHIR R4 Condition and back, with their category
 * ({@code problem-list-item} when none of R4's condition-category is sent; a category of
 * another code system is not kept). An entry verified as entered-in-error carries no
 * clinical status (con-5); every other one must have one (con-3).
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
		resource.addCategory(ClinicalCodes.status(CATEGORY, problem.category()));
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
				resource.hasOnsetDateTimeType() ? FhirDates.date(resource.getOnsetDateTimeType()) : null,
				category(resource));
	}

	/**
	 * The first of R4's condition categories the resource has; a problem-list item if
	 * none.
	 */
	private static String category(Condition resource) {
		for (CodeableConcept category : resource.getCategory()) {
			for (Coding coding : category.getCoding()) {
				if (CATEGORY.equals(coding.getSystem())) {
					if (!Problem.PROBLEM_LIST_ITEM.equals(coding.getCode())
							&& !Problem.ENCOUNTER_DIAGNOSIS.equals(coding.getCode())) {
						throw new UnprocessableEntityException("Condition.category " + coding.getCode()
								+ " is not a code of " + CATEGORY + " (problem-list-item, encounter-diagnosis)");
					}
					return coding.getCode();
				}
			}
		}
		return Problem.PROBLEM_LIST_ITEM;
	}

}
