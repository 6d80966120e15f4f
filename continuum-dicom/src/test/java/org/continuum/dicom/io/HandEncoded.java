package org.continuum.dicom.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Byte fixtures written by hand after the examples of PS3.5 §7.5 (Tables 7.5-1 and
 * 7.5-2).
 */
final class HandEncoded {

	private HandEncoded() {
	}

	/**
	 * Explicit VR LE: (0008,1140) SQ of defined length with one defined-length item, then
	 * (0010,0020) LO.
	 */
	static byte[] explicitDefinedLengthSequence() {
		var b = new ByteArrayOutputStream();
		// item content: (0008,1155) UI "1.2.3\0" = 8 + 6 bytes
		byte[] uid = "1.2.3\0".getBytes(StandardCharsets.US_ASCII);
		int itemContent = 8 + uid.length;
		int seqContent = 8 + itemContent;
		tag(b, 0x0008, 0x1140);
		b.writeBytes(new byte[] { 'S', 'Q', 0, 0 });
		u32(b, seqContent);
		tag(b, 0xFFFE, 0xE000);
		u32(b, itemContent);
		tag(b, 0x0008, 0x1155);
		b.writeBytes(new byte[] { 'U', 'I' });
		u16(b, uid.length);
		b.writeBytes(uid);
		tag(b, 0x0010, 0x0020);
		b.writeBytes(new byte[] { 'L', 'O' });
		u16(b, 2);
		b.writeBytes(new byte[] { 'I', 'D' });
		return b.toByteArray();
	}

	static void tag(ByteArrayOutputStream b, int group, int element) {
		u16(b, group);
		u16(b, element);
	}

	static void u16(ByteArrayOutputStream b, int v) {
		b.write(v);
		b.write(v >>> 8);
	}

	static void u32(ByteArrayOutputStream b, int v) {
		u16(b, v);
		u16(b, v >>> 16);
	}

}
