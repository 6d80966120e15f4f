package continuum.lab;

import continuum.fhir.ResourceIds;
import continuum.platform.InvalidInputException;

/** The id of one result (a FHIR Observation). */
public record ResultId(long value) {

	public ResultId {
		if (value <= 0) {
			throw new InvalidInputException("A result id is a positive number");
		}
	}

	public static ResultId of(String id) {
		return new ResultId(
				ResourceIds.parse(id).orElseThrow(() -> new InvalidInputException("A result id is a positive number")));
	}

	public String asString() {
		return Long.toString(value);
	}

	@Override
	public String toString() {
		return asString();
	}

}
