package org.continuum.dicom.net.pdu;

/**
 * One Presentation Data Value item of a P-DATA-TF (PS3.8 §9.3.5.1, message control header
 * PS3.8 Annex E.2): a fragment of a command or data set. {@code data} is shared with the
 * PDU buffer: read {@code length} bytes from {@code offset}.
 */
public record PresentationDataValue(int contextId, boolean command, boolean last, byte[] data, int offset, int length) {

	public static PresentationDataValue of(int contextId, boolean command, boolean last, byte[] data) {
		return new PresentationDataValue(contextId, command, last, data, 0, data.length);
	}

	public byte[] copyOfData() {
		return java.util.Arrays.copyOfRange(data, offset, offset + length);
	}
}
