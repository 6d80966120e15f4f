package org.continuum.dicom.net.service;

import org.jspecify.annotations.Nullable;

/**
 * Failure Reason (0008,1197) of a Failed SOP Sequence item in a storage commitment report
 * (PS3.4 §J.3.3.1, PS3.3 §C.14.1.1).
 */
public enum CommitmentFailureReason {

	PROCESSING_FAILURE(0x0110), NO_SUCH_OBJECT_INSTANCE(0x0112), RESOURCE_LIMITATION(0x0213),
	REFERENCED_SOP_CLASS_NOT_SUPPORTED(0x0122), CLASS_INSTANCE_CONFLICT(0x0119), DUPLICATE_TRANSACTION_UID(0x0131);

	private final int code;

	CommitmentFailureReason(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}

	/** The reason for a code, or {@code null} for a code the standard does not define. */
	public static @Nullable CommitmentFailureReason of(int code) {
		for (CommitmentFailureReason r : values()) {
			if (r.code == code) {
				return r;
			}
		}
		return null;
	}

}
