package continuum.patients;

import java.util.Set;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** Checks a code against the FHIR value set it must come from. */
final class Codes {

	private Codes() {
	}

	static String required(@Nullable String code, String field, Set<String> allowed) {
		if (code == null || code.isBlank()) {
			throw new InvalidInputException("The " + field + " is required");
		}
		return optional(code, field, allowed);
	}

	static @Nullable String optional(@Nullable String code, String field, Set<String> allowed) {
		if (code == null || code.isBlank()) {
			return null;
		}
		if (!allowed.contains(code)) {
			throw new InvalidInputException("Unknown " + field + " code; expected one of " + allowed);
		}
		return code;
	}

}
