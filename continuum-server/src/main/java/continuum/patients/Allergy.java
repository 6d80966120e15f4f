package continuum.patients;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An allergy or intolerance (FHIR AllergyIntolerance): the substance, its category and
 * criticality, the reactions seen, and how sure and how current it is. Codes are the FHIR
 * R4 ones.
 */
public record Allergy(long id, int version, Instant lastUpdated, PatientId patient, ClinicalCode substance,
		@Nullable String category, @Nullable String criticality, String clinicalStatus, String verificationStatus,
		List<String> reactions, @Nullable String reactionSeverity,
		@Nullable LocalDate recordedDate) implements ClinicalEntry {

	static final Set<String> CATEGORIES = Set.of("food", "medication", "environment", "biologic");

	static final Set<String> CRITICALITIES = Set.of("low", "high", "unable-to-assess");

	static final Set<String> CLINICAL = Set.of("active", "inactive", "resolved");

	static final Set<String> VERIFICATION = Set.of("unconfirmed", "confirmed", "refuted", "entered-in-error");

	static final Set<String> SEVERITIES = Set.of("mild", "moderate", "severe");

	public Allergy {
		category = Codes.optional(category, "allergy category", CATEGORIES);
		criticality = Codes.optional(criticality, "allergy criticality", CRITICALITIES);
		clinicalStatus = Codes.required(clinicalStatus, "allergy clinical status", CLINICAL);
		verificationStatus = Codes.required(verificationStatus, "allergy verification status", VERIFICATION);
		reactionSeverity = Codes.optional(reactionSeverity, "reaction severity", SEVERITIES);
		reactions = reactions == null ? List.of()
				: reactions.stream().map(String::strip).filter(r -> !r.isEmpty()).toList();
		if (String.join("; ", reactions).length() > 1000) {
			throw new continuum.platform.InvalidInputException("Reactions are longer than 1000 characters");
		}
	}

	/** A new allergy to record (id and version are assigned on save). */
	public static Allergy of(PatientId patient, ClinicalCode substance, @Nullable String category,
			@Nullable String criticality, String clinicalStatus, String verificationStatus, List<String> reactions,
			@Nullable String reactionSeverity, @Nullable LocalDate recordedDate) {
		return new Allergy(0, 0, Instant.EPOCH, patient, substance, category, criticality, clinicalStatus,
				verificationStatus, reactions, reactionSeverity, recordedDate);
	}

	/**
	 * The SNOMED CT concept "No known allergy" (716186003): an entry with it records that
	 * the patient was asked and has none, which differs from an empty list (not yet
	 * asked).
	 */
	public static final ClinicalCode NO_KNOWN_ALLERGY = new ClinicalCode("http://snomed.info/sct", "716186003",
			"No known allergy");

	/** Whether this entry records that the patient has no known allergy. */
	public boolean isNoKnownAllergy() {
		return NO_KNOWN_ALLERGY.system().equals(substance.system()) && NO_KNOWN_ALLERGY.code().equals(substance.code());
	}

	/**
	 * Whether it holds now: active, and neither refuted nor entered in error. Only these
	 * belong in an allergy alert.
	 */
	public boolean isCurrent() {
		return "active".equals(clinicalStatus) && !"refuted".equals(verificationStatus)
				&& !"entered-in-error".equals(verificationStatus);
	}

	/** Whether staff must not miss it: high criticality and still active. */
	public boolean isHighRisk() {
		return "high".equals(criticality) && isCurrent();
	}

}
