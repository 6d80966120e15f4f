package continuum.imaging;

import java.time.Instant;
import java.util.List;

/**
 * One ordered procedure as the radiology department performs it (PS3.3 §C.4.11), with the
 * identifiers assigned at order time that every image of it carries: Accession Number,
 * Requested Procedure ID and Study Instance UID; and its scheduled step(s).
 */
public record RequestedProcedure(long id, ImagingProcedure procedure, String accessionNumber,
		String requestedProcedureId, String studyInstanceUid, ProcedureStatus status, int version, Instant updatedAt,
		List<ProcedureStep> steps) {

	public RequestedProcedure {
		steps = List.copyOf(steps);
	}

	/**
	 * Its id as a FHIR ServiceRequest, in the audit log and the change feed:
	 * {@code img-<id>}, apart from the laboratory's order items, which are
	 * ServiceRequests too.
	 */
	public String serviceRequestId() {
		return ImagingRequest.PREFIX + id;
	}

	/** The first (in this RIS, the only) scheduled step. */
	public ProcedureStep step() {
		return steps.get(0);
	}

}
