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

	/**
	 * The allergies that hold now (no "no known allergy" entry among them): what an
	 * allergy alert lists.
	 */
	public List<Allergy> currentAllergies() {
		return allergies.stream().filter(a -> a.isCurrent() && !a.isNoKnownAllergy()).toList();
	}

	/**
	 * Whether the patient was asked and has no known allergy: a current "no known
	 * allergy" entry and no current allergy.
	 */
	public boolean hasNoKnownAllergies() {
		return currentAllergies().isEmpty() && allergies.stream().anyMatch(a -> a.isCurrent() && a.isNoKnownAllergy());
	}

	/**
	 * The entries of each kind to show in a chart: those not entered in error (they were
	 * never true), those that hold now first (a stable sort: otherwise as recorded).
	 */
	public List<Allergy> shownAllergies() {
		return allergies.stream()
			.filter(a -> !"entered-in-error".equals(a.verificationStatus()))
			.sorted(java.util.Comparator.comparing((Allergy a) -> !a.isCurrent()))
			.toList();
	}

	/**
	 * Those taken now (active, intended, on hold) first, then the others, each as
	 * recorded.
	 */
	public List<Medication> shownMedications() {
		return medications.stream()
			.filter(m -> !"entered-in-error".equals(m.status()))
			.sorted(java.util.Comparator
				.comparing((Medication m) -> !java.util.Set.of("active", "intended", "on-hold").contains(m.status())))
			.toList();
	}

	/** Those that hold now (active, recurrence, relapse) first, then the others. */
	public List<Problem> shownProblems() {
		return problems.stream()
			.filter(p -> !"entered-in-error".equals(p.verificationStatus()))
			.sorted(java.util.Comparator.comparing(
					(Problem p) -> !java.util.Set.of("active", "recurrence", "relapse").contains(p.clinicalStatus())))
			.toList();
	}

	/** Active high-criticality allergies: the ones a banner must show. */
	public List<Allergy> highRiskAllergies() {
		return allergies.stream().filter(Allergy::isHighRisk).toList();
	}

}
