package continuum.patients.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import continuum.patients.Allergy;
import continuum.patients.ClinicalEntry;
import continuum.patients.ClinicalKind;
import continuum.patients.CommonTerms;
import continuum.patients.Medication;
import continuum.patients.Problem;
import continuum.patients.web.ClinicalForms.EntryForm;

/**
 * A kind of clinical entry as the chart's pages show it: the {@link ClinicalKind}, the
 * path under the patient ({@code /patients/{id}/allergies/...}), the chart section to go
 * back to (empty for the top, where the allergy alert shows a new allergy), the view, the
 * form and the choices the page offers.
 */
record EntryKind<T extends ClinicalEntry, F extends EntryForm<T>>(ClinicalKind<T> kind, String path, String section,
		String view, Class<F> form, Supplier<F> empty, Function<T, F> formOf, Map<String, Object> choices) {

	static final EntryKind<Allergy, AllergyForm> ALLERGIES = new EntryKind<>(ClinicalKind.ALLERGIES, "allergies", "",
			"patients/allergy", AllergyForm.class, AllergyForm::empty, AllergyForm::of,
			Map.of("categories", ClinicalForms.ALLERGY_CATEGORIES, "criticalities", ClinicalForms.CRITICALITIES,
					"clinicalStatuses", ClinicalForms.ALLERGY_CLINICAL, "verificationStatuses",
					ClinicalForms.ALLERGY_VERIFICATION, "severities", ClinicalForms.SEVERITIES, "suggestions",
					CommonTerms.SUBSTANCES));

	static final EntryKind<Medication, MedicationForm> MEDICATIONS = new EntryKind<>(ClinicalKind.MEDICATIONS,
			"medications", "medications", "patients/medication", MedicationForm.class, MedicationForm::empty,
			MedicationForm::of,
			Map.of("statuses", ClinicalForms.MEDICATION_STATUSES, "suggestions", CommonTerms.DRUGS));

	static final EntryKind<Problem, ProblemForm> PROBLEMS = new EntryKind<>(ClinicalKind.PROBLEMS, "problems",
			"problems", "patients/problem", ProblemForm.class, ProblemForm::empty, ProblemForm::of,
			Map.of("clinicalStatuses", ClinicalForms.PROBLEM_CLINICAL, "verificationStatuses",
					ClinicalForms.PROBLEM_VERIFICATION, "suggestions", CommonTerms.PROBLEMS));

	/** The paths of every kind, as a request mapping's pattern matches them. */
	static final String PATHS = "allergies|medications|problems";

	private static final List<EntryKind<?, ?>> ALL = List.of(ALLERGIES, MEDICATIONS, PROBLEMS);

	/** The kind at this path, one of {@link #PATHS}. */
	static EntryKind<?, ?> at(String path) {
		return ALL.stream()
			.filter(kind -> kind.path().equals(path))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No kind of entry at " + path));
	}

	String resourceType() {
		return kind.resourceType();
	}

}
