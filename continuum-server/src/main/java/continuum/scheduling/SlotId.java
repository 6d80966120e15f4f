package continuum.scheduling;

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

	/** Parses a FHIR logical id. */
	public static SlotId of(String id) {
		try {
			return new SlotId(Long.parseLong(id));
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("A slot id is a positive number");
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
