package continuum.adt;

import continuum.platform.InvalidInputException;

/** The internal identity of a bed. */
public record BedId(long value) {

	public BedId {
		if (value <= 0) {
			throw new InvalidInputException("A bed id is a positive number");
		}
	}

	@Override
	public String toString() {
		return Long.toString(value);
	}

}
