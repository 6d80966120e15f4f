package continuum.adt;

import continuum.fhir.ResourceIds;
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

	/**
	 * Parses a FHIR logical id, by the one rule of {@link ResourceIds}: only the
	 * canonical decimal form names an id ({@code 7}, never {@code 007}).
	 */
	public static EncounterId of(String id) {
		return new EncounterId(ResourceIds.parse(id)
			.orElseThrow(() -> new InvalidInputException("An encounter id is a positive number")));
	}

	public String asString() {
		return Long.toString(value);
	}

	@Override
	public String toString() {
		return asString();
	}

}
