package continuum.lab;

import continuum.fhir.ResourceIds;
import continuum.platform.InvalidInputException;

/** The id of a ordered item (a FHIR ServiceRequest). */
public record LabItemId(long value) {

	public LabItemId {
		if (value <= 0) {
			throw new InvalidInputException("A laboratory order item id is a positive number");
		}
	}

	public static LabItemId of(String id) {
		return new LabItemId(ResourceIds.parse(id)
			.orElseThrow(() -> new InvalidInputException("A laboratory order item id is a positive number")));
	}

	public String asString() {
		return Long.toString(value);
	}

	@Override
	public String toString() {
		return asString();
	}

}
