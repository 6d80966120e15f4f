package continuum.scheduling.fhir;

import continuum.platform.InvalidInputException;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;

/** Ids and versions as the scheduling resources take them from a FHIR request. */
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

	/** {@code If-Match} as an expected version, or null when the request has none. */
	static @Nullable Integer expectedVersion(IdType id) {
		if (!id.hasVersionIdPart()) {
			return null;
		}
		if (!id.isVersionIdPartValidLong() || id.getVersionIdPartAsLong() > Integer.MAX_VALUE) {
			throw new InvalidInputException("If-Match names version " + id.getVersionIdPart() + ", not a number");
		}
		return id.getVersionIdPartAsLong().intValue();
	}

}
