package continuum.patients;

import java.util.List;
import java.util.Set;

/**
 * What a patient chart shows: the patient, and the allergies, medications and problems
 * not deleted. {@code withheld} names the FHIR resource types the caller's role may not
 * see (their lists are then empty, not "none known").
 */
public record PatientRecord(Patient patient, List<Allergy> allergies, List<Medication> medications,
		List<Problem> problems, Set<String> withheld) {

	public PatientRecord {
		withheld = Set.copyOf(withheld);
	}

	public boolean isWithheld(String resourceType) {
		return withheld.contains(resourceType);
	}

	/** Active high-criticality allergies: the ones a banner must show. */
	public List<Allergy> highRiskAllergies() {
		return allergies.stream().filter(Allergy::isHighRisk).toList();
	}

}
