package org.continuum.dicom.net.pdu;

/**
 * An A-ASSOCIATE-RQ whose Protocol-version field lacks bit 0 (PS3.8 §9.3.2): the acceptor
 * answers A-ASSOCIATE-RJ "protocol-version not supported" rather than A-ABORT.
 */
public class ProtocolVersionException extends PduFormatException {

	private static final long serialVersionUID = 1L;

	public ProtocolVersionException(int version) {
		super(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE,
				"protocol version 0x" + Integer.toHexString(version) + " not supported");
	}

}
