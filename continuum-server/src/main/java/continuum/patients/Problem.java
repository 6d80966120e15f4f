package continuum.patients;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An entry of the problem list (FHIR Condition, category problem-list-item): what, how
 * sure, how current, since.
 */
public record Problem(long id, int version, Instant lastUpdated, PatientId patient, ClinicalCode code,
		String clinicalStatus, String verificationStatus, @Nullable LocalDate onset) implements ClinicalEntry {

	static final Set<String> CLINICAL = Set.of("active", "recurrence", "relapse", "inactive", "remission", "resolved");

	static final Set<String> VERIFICATION = Set.of("unconfirmed", "provisional", "differential", "confirmed", "refuted",
			"entered-in-error");

	public Problem {
		clinicalStatus = Codes.required(clinicalStatus, "condition clinical status", CLINICAL);
		verificationStatus = Codes.required(verificationStatus, "condition verification status", VERIFICATION);
	}

	public static Problem of(PatientId patient, ClinicalCode code, String clinicalStatus, String verificationStatus,
			@Nullable LocalDate onset) {
		return new Problem(0, 0, Instant.EPOCH, patient, code, clinicalStatus, verificationStatus, onset);
	}

}
