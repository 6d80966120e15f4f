package continuum.patients;

import java.util.List;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * One way to reach a patient, as FHIR R4 ContactPoint has it: the system (phone, email,
 * fax, sms...), the value, its use (home, work, mobile, temp, old), its rank (1 is
 * preferred) and the period in which it holds (FHIR dateTime strings, kept as given).
 */
public record Telecom(String system, String value, @Nullable String use, @Nullable Integer rank,
		@Nullable String periodStart, @Nullable String periodEnd) {

	public static final String PHONE = "phone";

	public static final String EMAIL = "email";

	private static final List<String> SYSTEMS = List.of(PHONE, "fax", EMAIL, "pager", "url", "sms", "other");

	private static final List<String> USES = List.of("home", "work", "temp", "old", "mobile");

	public Telecom {
		if (system == null || !SYSTEMS.contains(system)) {
			throw new InvalidInputException("A contact point's system must be one of " + String.join(", ", SYSTEMS));
		}
		value = PatientData.required(value, "contact point value", 200);
		if (use != null && !USES.contains(use)) {
			throw new InvalidInputException("A contact point's use must be one of " + String.join(", ", USES));
		}
		if (rank != null && rank < 1) {
			throw new InvalidInputException("A contact point's rank is a positive integer");
		}
		periodStart = PatientData.optional(periodStart, "contact point period start", 40);
		periodEnd = PatientData.optional(periodEnd, "contact point period end", 40);
	}

	static Telecom of(String system, String value) {
		return new Telecom(system, value, null, null, null, null);
	}

	Telecom withValue(String newValue) {
		return new Telecom(system, newValue, use, rank, periodStart, periodEnd);
	}

}
