package continuum.adt;

import continuum.platform.InvalidInputException;

/**
 * The internal identity of an encounter; its decimal form is the FHIR logical id
 * ({@code Encounter/42}).
 */
public record EncounterId(long value) {

	public EncounterId {
		if (value <= 0) {
			throw new InvalidInputException("An encounter id is a positive number");
		}
	}

	/** Parses a FHIR logical id. */
	public static EncounterId of(String id) {
		try {
			return new EncounterId(Long.parseLong(id));
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("An encounter id is a positive number");
		}
	}

	public String asString() {
		return Long.toString(value);
	}

	@Override
	public String toString() {
		return asString();
	}

}
