package org.continuum.dicom.net.service;

/**
 * One item of a Failed SOP Sequence (0008,1198): the instance and why it is not committed
 * (PS3.4 §J.3.3.1). {@code reasonCode} is the Failure Reason as received, which may be a
 * code {@link CommitmentFailureReason} does not name.
 */
public record FailedSop(ReferencedSop sop, int reasonCode) {

	public FailedSop(ReferencedSop sop, CommitmentFailureReason reason) {
		this(sop, reason.code());
	}

}
