package continuum.patients;

import continuum.fhir.ResourceIds;
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
	 * Parses a FHIR logical id, by the one rule of {@link ResourceIds}: only the
	 * canonical decimal form names an id ({@code 7}, never {@code 007}).
	 */
	public static PatientId of(String id) {
		return new PatientId(ResourceIds.parse(id)
			.orElseThrow(() -> new InvalidInputException("A patient id is a positive number")));
	}

	public String asString() {
		return Long.toString(value);
	}

	@Override
	public String toString() {
		return asString();
	}

}
