package continuum.scheduling;

import continuum.platform.InvalidInputException;

/**
 * The internal identity of a appointment; its decimal form is the FHIR logical id
 * ({@code Appointment/42}).
 */
public record AppointmentId(long value) {

	public AppointmentId {
		if (value <= 0) {
			throw new InvalidInputException("A appointment id is a positive number");
		}
	}

	/** Parses a FHIR logical id. */
	public static AppointmentId of(String id) {
		try {
			return new AppointmentId(Long.parseLong(id));
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("A appointment id is a positive number");
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
