package org.continuum.dicom.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts bytes and reads the fixed-size numbers of element headers (PS3.5 §7.1) in either
 * byte order. Values are read with {@link InputStream#readNBytes(int)}, which grows its
 * buffer as bytes arrive: a header that declares gigabytes on a short stream fails with
 * EOF instead of allocating them.
 */
final class ByteInput {

	private InputStream in;

	private long position;

	private boolean bigEndian;

	ByteInput(InputStream in) {
		this.in = in;
	}

	void replaceStream(InputStream replacement) {
		this.in = replacement;
	}

	InputStream stream() {
		return in;
	}

	long position() {
		return position;
	}

	void bigEndian(boolean value) {
		this.bigEndian = value;
	}

	boolean bigEndian() {
		return bigEndian;
	}

	/** The next byte, or -1 at a clean end of stream. */
	int readFirstByteOrEnd() throws IOException {
		int b = in.read();
		if (b >= 0) {
			position++;
		}
		return b;
	}

	int readU8() throws IOException {
		int b = in.read();
		if (b < 0) {
			throw new DicomStreamException("data set truncated at byte " + position);
		}
		position++;
		return b;
	}

	int readU16() throws IOException {
		int a = readU8();
		int b = readU8();
		return bigEndian ? (a << 8 | b) : (b << 8 | a);
	}

	/**
	 * 16 bits in network order, regardless of the data set's byte order (the VR
	 * characters).
	 */
	int readU16BigEndian() throws IOException {
		return readU8() << 8 | readU8();
	}

	long readU32() throws IOException {
		long a = readU16();
		long b = readU16();
		return bigEndian ? (a << 16 | b) : (b << 16 | a);
	}

	int readTag(int firstByte) throws IOException {
		int second = readU8();
		int group = bigEndian ? (firstByte << 8 | second) : (second << 8 | firstByte);
		return group << 16 | readU16();
	}

	byte[] readBytes(long length) throws IOException {
		if (length > Integer.MAX_VALUE - 8) {
			throw new DicomStreamException("value of " + length + " bytes at byte " + position + " is too long");
		}
		byte[] b = in.readNBytes((int) length);
		position += b.length;
		if (b.length < length) {
			throw new DicomStreamException("data set truncated at byte " + position + ": value needs " + length
					+ " bytes, " + b.length + " were left");
		}
		return b;
	}

	void skip(long length) throws IOException {
		in.skipNBytes(length);
		position += length;
	}

}
