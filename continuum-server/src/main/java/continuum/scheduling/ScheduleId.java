package continuum.scheduling;

import continuum.fhir.ResourceIds;
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

	/**
	 * Parses a FHIR logical id, by the one rule of {@link ResourceIds}: only the
	 * canonical decimal form names an id ({@code 7}, never {@code 007}).
	 */
	public static ScheduleId of(String id) {
		return new ScheduleId(ResourceIds.parse(id)
			.orElseThrow(() -> new InvalidInputException("A schedule id is a positive number")));
	}

	public String asString() {
		return Long.toString(value);
	}

	@Override
	public String toString() {
		return asString();
	}

}
