package continuum.patients;

import java.util.List;

/** What a patient chart shows: the patient, and the current allergies, medications and problems. */
public record PatientRecord(Patient patient, List<Allergy> allergies, List<Medication> medications,
		List<Problem> problems) {

	/** Active high-criticality allergies: the ones a banner must show. */
	public List<Allergy> highRiskAllergies() {
		return allergies.stream().filter(Allergy::isHighRisk).toList();
	}

}
