package continuum.patients;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A condition of the patient's record (FHIR Condition): what, how sure, how current,
 * since, and whether it is an entry of the problem list ({@code problem-list-item}) or a
 * diagnosis made in an encounter ({@code encounter-diagnosis}, R4's condition-category).
 */
public record Problem(long id, int version, Instant lastUpdated, PatientId patient, ClinicalCode code,
		String clinicalStatus, String verificationStatus, @Nullable LocalDate onset,
		String category) implements ClinicalEntry {

	public static final String PROBLEM_LIST_ITEM = "problem-list-item";

	public static final String ENCOUNTER_DIAGNOSIS = "encounter-diagnosis";

	static final Set<String> CATEGORIES = Set.of(PROBLEM_LIST_ITEM, ENCOUNTER_DIAGNOSIS);

	static final Set<String> CLINICAL = Set.of("active", "recurrence", "relapse", "inactive", "remission", "resolved");

	static final Set<String> VERIFICATION = Set.of("unconfirmed", "provisional", "differential", "confirmed", "refuted",
			"entered-in-error");

	public Problem {
		clinicalStatus = Codes.required(clinicalStatus, "condition clinical status", CLINICAL);
		verificationStatus = Codes.required(verificationStatus, "condition verification status", VERIFICATION);
		category = Codes.required(category, "condition category", CATEGORIES);
	}

	/** An entry of the problem list. */
	public static Problem of(PatientId patient, ClinicalCode code, String clinicalStatus, String verificationStatus,
			@Nullable LocalDate onset) {
		return of(patient, code, clinicalStatus, verificationStatus, onset, PROBLEM_LIST_ITEM);
	}

	public static Problem of(PatientId patient, ClinicalCode code, String clinicalStatus, String verificationStatus,
			@Nullable LocalDate onset, String category) {
		return new Problem(0, 0, Instant.EPOCH, patient, code, clinicalStatus, verificationStatus, onset, category);
	}

}
