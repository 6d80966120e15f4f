package continuum.scheduling;

import continuum.platform.InvalidInputException;

/**
 * The internal identity of a schedule; its decimal form is the FHIR logical id
 * ({@code Schedule/7}).
 */
public record ScheduleId(long value) {

	public ScheduleId {
		if (value <= 0) {
			throw new InvalidInputException("A schedule id is a positive number");
		}
	}

	/** Parses a FHIR logical id. */
	public static ScheduleId of(String id) {
		try {
			return new ScheduleId(Long.parseLong(id));
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("A schedule id is a positive number");
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
