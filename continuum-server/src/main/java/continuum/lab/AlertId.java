package continuum.lab;

import continuum.fhir.ResourceIds;
import continuum.platform.InvalidInputException;

/** The id of a critical-value alert. */
public record AlertId(long value) {

	public AlertId {
		if (value <= 0) {
			throw new InvalidInputException("An alert id is a positive number");
		}
	}

	public static AlertId of(String id) {
		return new AlertId(
				ResourceIds.parse(id).orElseThrow(() -> new InvalidInputException("An alert id is a positive number")));
	}

	public String asString() {
		return Long.toString(value);
	}

	@Override
	public String toString() {
		return asString();
	}

}
