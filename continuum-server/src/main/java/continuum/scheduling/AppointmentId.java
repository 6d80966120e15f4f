package continuum.scheduling;

import continuum.fhir.ResourceIds;
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

	/**
	 * Parses a FHIR logical id, by the one rule of {@link ResourceIds}: only the
	 * canonical decimal form names an id ({@code 7}, never {@code 007}).
	 */
	public static AppointmentId of(String id) {
		return new AppointmentId(ResourceIds.parse(id)
			.orElseThrow(() -> new InvalidInputException("A appointment id is a positive number")));
	}

	public String asString() {
		return Long.toString(value);
	}

	@Override
	public String toString() {
		return asString();
	}

}
