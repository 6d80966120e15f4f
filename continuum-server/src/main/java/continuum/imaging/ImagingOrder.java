package continuum.imaging;

import java.time.Instant;
import java.util.List;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * An imaging order from a placer (the chart, an HL7 OMI/ORM sender): its placer number
 * (ORC-2) within the placer application, patient, priority, reason, who ordered it, and
 * its requested procedures.
 */
public record ImagingOrder(ImagingOrderId id, String placerNumber, String placerApplication, PatientId patient,
		ImagingPriority priority, ImagingOrderStatus status, String orderedBy, @Nullable String reason,
		Instant orderedAt, @Nullable String cancelledBy, @Nullable String cancelReason, int version,
		List<RequestedProcedure> procedures) {

	public ImagingOrder {
		procedures = List.copyOf(procedures);
	}

}
