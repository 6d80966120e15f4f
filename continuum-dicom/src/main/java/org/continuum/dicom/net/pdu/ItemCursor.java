package org.continuum.dicom.net.pdu;

import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked big-endian reading of a PDU body (PS3.8 §9.3.1: all PDU numbers are big
 * endian).
 */
final class ItemCursor {

	private final byte[] b;

	private int pos;

	private final int end;

	ItemCursor(byte[] b, int offset, int end) {
		this.b = b;
		this.pos = offset;
		this.end = end;
	}

	boolean hasMore() {
		return pos < end;
	}

	int position() {
		return pos;
	}

	int remaining() {
		return end - pos;
	}

	private void need(int n) throws PduFormatException {
		if (n < 0 || pos + n > end) {
			throw new PduFormatException(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE,
					"item of " + n + " bytes overruns its enclosing field at offset " + pos);
		}
	}

	int u8() throws PduFormatException {
		need(1);
		return b[pos++] & 0xFF;
	}

	int u16() throws PduFormatException {
		need(2);
		int v = (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF);
		pos += 2;
		return v;
	}

	long u32() throws PduFormatException {
		need(4);
		long v = (long) (b[pos] & 0xFF) << 24 | (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8
				| (b[pos + 3] & 0xFF);
		pos += 4;
		return v;
	}

	void skip(int n) throws PduFormatException {
		need(n);
		pos += n;
	}

	byte[] bytes(int n) throws PduFormatException {
		need(n);
		byte[] v = java.util.Arrays.copyOfRange(b, pos, pos + n);
		pos += n;
		return v;
	}

	/** An ASCII UID or AE title, without trailing NUL/space padding or leading spaces. */
	String ascii(int n) throws PduFormatException {
		need(n);
		String s = new String(b, pos, n, StandardCharsets.US_ASCII);
		pos += n;
		int e = s.length();
		while (e > 0 && (s.charAt(e - 1) == '\0' || s.charAt(e - 1) == ' ')) {
			e--;
		}
		return s.substring(0, e).stripLeading();
	}

	ItemCursor sub(int length) throws PduFormatException {
		need(length);
		ItemCursor c = new ItemCursor(b, pos, pos + length);
		pos += length;
		return c;
	}

}
