package continuum.patients;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A medication the patient takes or took (FHIR MedicationStatement): drug, dose, route,
 * frequency, period.
 */
public record Medication(long id, int version, Instant lastUpdated, PatientId patient, ClinicalCode drug,
		@Nullable String dose, @Nullable String route, @Nullable String frequency, String status,
		@Nullable LocalDate periodStart, @Nullable LocalDate periodEnd) implements ClinicalEntry {

	static final Set<String> STATUSES = Set.of("active", "completed", "entered-in-error", "intended", "stopped",
			"on-hold", "unknown", "not-taken");

	public Medication {
		dose = PatientData.optional(dose, "dose", 100);
		route = PatientData.optional(route, "route", 100);
		frequency = PatientData.optional(frequency, "frequency", 100);
		status = Codes.required(status, "medication statement status", STATUSES);
		if (periodStart != null && periodEnd != null && periodEnd.isBefore(periodStart)) {
			throw new InvalidInputException("The medication period ends before it starts");
		}
	}

	public static Medication of(PatientId patient, ClinicalCode drug, @Nullable String dose, @Nullable String route,
			@Nullable String frequency, String status, @Nullable LocalDate periodStart, @Nullable LocalDate periodEnd) {
		return new Medication(0, 0, Instant.EPOCH, patient, drug, dose, route, frequency, status, periodStart,
				periodEnd);
	}

	/** Dose, route and frequency as one line: "500 mg oral 3x/day". */
	public String dosage() {
		StringBuilder sb = new StringBuilder();
		for (String part : new String[] { dose, route, frequency }) {
			if (part != null) {
				sb.append(sb.isEmpty() ? "" : " ").append(part);
			}
		}
		return sb.toString();
	}

}
