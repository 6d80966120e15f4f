package continuum.lab;

import continuum.fhir.ResourceIds;
import continuum.platform.InvalidInputException;

/** The id of a laboratory requisition. */
public record LabOrderId(long value) {

	public LabOrderId {
		if (value <= 0) {
			throw new InvalidInputException("A laboratory order id is a positive number");
		}
	}

	public static LabOrderId of(String id) {
		return new LabOrderId(ResourceIds.parse(id)
			.orElseThrow(() -> new InvalidInputException("A laboratory order id is a positive number")));
	}

	public String asString() {
		return Long.toString(value);
	}

	@Override
	public String toString() {
		return asString();
	}

}
