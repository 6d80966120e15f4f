package continuum.patients.web;

import java.time.LocalDate;
import java.util.Map;

import continuum.patients.CommonTerms;
import continuum.patients.Medication;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

import static continuum.patients.web.ClinicalForms.blank;
import static continuum.patients.web.ClinicalForms.format;
import static continuum.patients.web.ClinicalForms.optional;

/** A medication statement as typed. */
record MedicationForm(@Nullable String drug, @Nullable String dose, @Nullable String route, @Nullable String frequency,
		@Nullable String status, @Nullable String periodStart, @Nullable String periodEnd,
		@Nullable String version) implements ClinicalForms.EntryForm<Medication> {

	static MedicationForm empty() {
		return new MedicationForm("", "", "", "", "active", "", "", null);
	}

	static MedicationForm of(Medication medication) {
		return new MedicationForm(medication.drug().text(), medication.dose(), medication.route(),
				medication.frequency(), medication.status(), format(medication.periodStart()),
				format(medication.periodEnd()), Integer.toString(medication.version()));
	}

	@Override
	public @Nullable Medication entry(PatientId patient, @Nullable Medication current, LocalDate today,
			Map<String, String> errors) {
		if (blank(drug)) {
			errors.put("drug", "Enter the drug, e.g. Paracetamol 1 g tablet.");
		}
		if (blank(status)) {
			errors.put("status", "Choose the status.");
		}
		LocalDate start = ClinicalForms.date(periodStart, "periodStart", "start", errors);
		LocalDate end = ClinicalForms.date(periodEnd, "periodEnd", "end", errors);
		if (start != null && end != null && end.isBefore(start)) {
			errors.put("periodEnd", "The end date is before the start date.");
		}
		if (!errors.isEmpty()) {
			return null;
		}
		return ClinicalForms.valid(() -> Medication.of(patient, CommonTerms.code(CommonTerms.DRUGS, drug),
				optional(dose), optional(route), optional(frequency), status, start, end), errors);
	}

}
