package org.continuum.dicom.net.pdu;

import java.io.IOException;

/**
 * A PDU that violates PS3.8 §9.3; carries the A-ABORT reason to send to the peer (PS3.8
 * §9.3.8).
 */
public class PduFormatException extends IOException {

	private static final long serialVersionUID = 1L;

	private final AAbort.Reason abortReason;

	public PduFormatException(AAbort.Reason abortReason, String message) {
		super(message);
		this.abortReason = abortReason;
	}

	public AAbort.Reason abortReason() {
		return abortReason;
	}

}
