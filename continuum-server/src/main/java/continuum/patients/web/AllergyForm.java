package continuum.patients.web;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import continuum.patients.Allergy;
import continuum.patients.CommonTerms;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

import static continuum.patients.web.ClinicalForms.blank;
import static continuum.patients.web.ClinicalForms.optional;

/** An allergy as typed; reactions separated by commas. */
record AllergyForm(@Nullable String substance, @Nullable String category, @Nullable String criticality,
		@Nullable String clinicalStatus, @Nullable String verificationStatus, @Nullable String reactions,
		@Nullable String reactionSeverity, @Nullable String version) implements ClinicalForms.EntryForm<Allergy> {

	static AllergyForm empty() {
		return new AllergyForm("", "", "", "active", "confirmed", "", "", null);
	}

	static AllergyForm of(Allergy allergy) {
		return new AllergyForm(allergy.substance().text(), allergy.category(), allergy.criticality(),
				allergy.clinicalStatus(), allergy.verificationStatus(), String.join(", ", allergy.reactions()),
				allergy.reactionSeverity(), Integer.toString(allergy.version()));
	}

	List<String> reactionList() {
		return blank(reactions) ? List.of() : Arrays.stream(reactions.split(",")).map(String::strip).toList();
	}

	/** The allergy; a changed one keeps the date it was first recorded. */
	@Override
	public @Nullable Allergy entry(PatientId patient, @Nullable Allergy current, LocalDate today,
			Map<String, String> errors) {
		if (blank(substance)) {
			errors.put("substance", "Enter the substance, e.g. Penicillin.");
		}
		ClinicalForms.requireStatus(clinicalStatus, verificationStatus, errors);
		if (!errors.isEmpty()) {
			return null;
		}
		return ClinicalForms.valid(() -> Allergy.of(patient, CommonTerms.code(CommonTerms.SUBSTANCES, substance),
				optional(category), optional(criticality), clinicalStatus, verificationStatus, reactionList(),
				optional(reactionSeverity), current == null ? today : current.recordedDate()), errors);
	}

}
