package continuum.imaging;

import java.util.Optional;

import continuum.fhir.ResourceIds;

/**
 * One requested procedure with its order: what FHIR calls an imaging ServiceRequest, id
 * {@code img-<requested procedure id>} (as the audit log and the change feed name it).
 * Its version is the requested procedure's, which every change of what the request shows
 * moves (placement, step started or ended, cancellation).
 */
public record ImagingRequest(ImagingOrder order, RequestedProcedure procedure) {

	/** What starts a radiology ServiceRequest id. */
	public static final String PREFIX = "img-";

	/** The requested procedure an id {@code img-<n>} names. */
	public static Optional<Long> procedureOf(String serviceRequestId) {
		if (!serviceRequestId.startsWith(PREFIX)) {
			return Optional.empty();
		}
		var number = ResourceIds.parse(serviceRequestId.substring(PREFIX.length()));
		return number.isPresent() ? Optional.of(number.getAsLong()) : Optional.empty();
	}

	/** The request of the order's requested procedure {@code procedure}. */
	public static ImagingRequest of(ImagingOrder order, long procedure) {
		return new ImagingRequest(order,
				order.procedures().stream().filter(p -> p.id() == procedure).findFirst().orElseThrow());
	}

}
