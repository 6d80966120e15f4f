package continuum.patients;

import continuum.platform.InvalidInputException;

/**
 * The internal identity of a patient; its decimal form is the FHIR logical id
 * ({@code Patient/123}).
 */
public record PatientId(long value) {

	public PatientId {
		if (value <= 0) {
			throw new InvalidInputException("A patient id is a positive number");
		}
	}

	/**
	 * Parses a FHIR logical id; an id that is not a positive number is answered as not
	 * found by the callers.
	 */
	public static PatientId of(String id) {
		try {
			return new PatientId(Long.parseLong(id));
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("A patient id is a positive number");
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
