package continuum.scheduling;

import continuum.fhir.ResourceIds;
import continuum.platform.InvalidInputException;

/**
 * The internal identity of a slot; its decimal form is the FHIR logical id
 * ({@code Slot/42}).
 */
public record SlotId(long value) {

	public SlotId {
		if (value <= 0) {
			throw new InvalidInputException("A slot id is a positive number");
		}
	}

	/**
	 * Parses a FHIR logical id, by the one rule of {@link ResourceIds}: only the
	 * canonical decimal form names an id ({@code 7}, never {@code 007}).
	 */
	public static SlotId of(String id) {
		return new SlotId(
				ResourceIds.parse(id).orElseThrow(() -> new InvalidInputException("A slot id is a positive number")));
	}

	public String asString() {
		return Long.toString(value);
	}

	@Override
	public String toString() {
		return asString();
	}

}
