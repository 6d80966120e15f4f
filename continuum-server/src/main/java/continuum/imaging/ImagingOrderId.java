package continuum.imaging;

import continuum.fhir.ResourceIds;
import continuum.platform.InvalidInputException;

/** The id of an imaging order. */
public record ImagingOrderId(long value) {

	public ImagingOrderId {
		if (value <= 0) {
			throw new InvalidInputException("An imaging order id is a positive number");
		}
	}

	public static ImagingOrderId of(String id) {
		return new ImagingOrderId(ResourceIds.parse(id)
			.orElseThrow(() -> new InvalidInputException("An imaging order id is a positive number")));
	}

	public String asString() {
		return Long.toString(value);
	}

	@Override
	public String toString() {
		return asString();
	}

}
