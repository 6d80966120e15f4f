package continuum.patients.fhir;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import continuum.patients.Allergy;
import continuum.fhir.ResourceIds;
import continuum.patients.PatientId;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCategory;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCriticality;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceReactionComponent;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceSeverity;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Reference;

/**
 * Maps allergies to FHIR R4 AllergyIntolerance and back. An entry verified as
 * entered-in-error carries no clinical status (invariant ait-2); every other entry must
 * have one (ait-1).
 */
final class AllergyIntoleranceMapper {

	static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";

	static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

	private AllergyIntoleranceMapper() {
	}

	static AllergyIntolerance toFhir(Allergy allergy) {
		AllergyIntolerance resource = new AllergyIntolerance();
		resource.setId("AllergyIntolerance/" + allergy.id() + "/_history/" + allergy.version());
		resource.setMeta(new Meta().setVersionId(Integer.toString(allergy.version()))
			.setLastUpdated(Date.from(allergy.lastUpdated())));
		if (!"entered-in-error".equals(allergy.verificationStatus())) {
			resource.setClinicalStatus(ClinicalCodes.status(CLINICAL, allergy.clinicalStatus()));
		}
		resource.setVerificationStatus(ClinicalCodes.status(VERIFICATION, allergy.verificationStatus()));
		if (allergy.category() != null) {
			resource.addCategory(AllergyIntoleranceCategory.fromCode(allergy.category()));
		}
		if (allergy.criticality() != null) {
			resource.setCriticality(AllergyIntoleranceCriticality.fromCode(allergy.criticality()));
		}
		resource.setCode(ClinicalCodes.concept(allergy.substance()));
		resource.setPatient(new Reference("Patient/" + allergy.patient().asString()));
		resource.setRecordedDateElement(FhirDates.dateTime(allergy.recordedDate()));
		if (!allergy.reactions().isEmpty()) {
			AllergyIntoleranceReactionComponent reaction = resource.addReaction();
			allergy.reactions().forEach(r -> reaction.addManifestation(new CodeableConcept().setText(r)));
			if (allergy.reactionSeverity() != null) {
				reaction.setSeverity(AllergyIntoleranceSeverity.fromCode(allergy.reactionSeverity()));
			}
		}
		return resource;
	}

	static Allergy fromFhir(AllergyIntolerance resource) {
		PatientId patient = new PatientId(
				ResourceIds.required(resource.getPatient(), "Patient", "AllergyIntolerance.patient"));
		String verification = ClinicalCodes.status(resource.getVerificationStatus(), VERIFICATION,
				"AllergyIntolerance.verificationStatus");
		verification = verification == null ? "unconfirmed" : verification;
		String clinical = ClinicalCodes.status(resource.getClinicalStatus(), CLINICAL,
				"AllergyIntolerance.clinicalStatus");
		if (clinical == null) {
			if (!"entered-in-error".equals(verification)) {
				throw new ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException(
						"AllergyIntolerance.clinicalStatus is required unless entered-in-error (ait-1)");
			}
			clinical = "inactive";
		}
		String category = resource.getCategory().isEmpty() ? null
				: ClinicalCodes.code(resource.getCategory().get(0), "AllergyIntolerance.category");
		List<String> reactions = new ArrayList<>();
		String severity = null;
		for (AllergyIntoleranceReactionComponent reaction : resource.getReaction()) {
			for (CodeableConcept manifestation : reaction.getManifestation()) {
				reactions.add(ClinicalCodes.code(manifestation, "AllergyIntolerance.reaction.manifestation").text());
			}
			if (severity == null) {
				severity = ClinicalCodes.code(reaction.getSeverityElement(), "AllergyIntolerance.reaction.severity");
			}
		}
		return Allergy.of(patient, ClinicalCodes.code(resource.getCode(), "AllergyIntolerance.code"), category,
				ClinicalCodes.code(resource.getCriticalityElement(), "AllergyIntolerance.criticality"), clinical,
				verification, reactions, severity, FhirDates.date(resource.getRecordedDateElement()));
	}

}
