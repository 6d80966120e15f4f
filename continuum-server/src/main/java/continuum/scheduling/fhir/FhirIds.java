package continuum.scheduling.fhir;

import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;

/** Ids as the scheduling resources take them from a FHIR request. */
final class FhirIds {

	private FhirIds() {
	}

	/** A positive decimal id, or null. */
	static @Nullable Long numericId(@Nullable String text) {
		if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
			return null;
		}
		long value = Long.parseLong(text);
		return value > 0 ? value : null;
	}

}
