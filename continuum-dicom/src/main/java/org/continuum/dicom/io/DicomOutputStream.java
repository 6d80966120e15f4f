package org.continuum.dicom.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.DataElement;
import org.continuum.dicom.data.Fragments;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Tags;
import org.continuum.dicom.data.VR;
import org.jspecify.annotations.Nullable;

/**
 * Streaming writer of data sets (PS3.5 §7) and Part 10 files (PS3.10 §7.1), element by
 * element without buffering the whole file. Writes Implicit VR Little Endian, Explicit VR
 * Little Endian (also for encapsulated transfer syntaxes) and Deflated Explicit VR Little
 * Endian. Sequences and items are written with undefined length, which every transfer
 * syntax allows (PS3.5 §7.5.1).
 */
public final class DicomOutputStream implements Closeable {

	private static final int BUFFER = 64 * 1024;

	private OutputStream out;

	private final OutputStream base;

	private @Nullable Deflater deflater;

	private @Nullable DeflaterOutputStream deflating;

	private @Nullable CountingOutputStream deflatedBytes;

	private boolean explicitVr = true;

	private final byte[] header = new byte[12];

	public DicomOutputStream(OutputStream out) {
		boolean buffered = out instanceof BufferedOutputStream || out instanceof java.io.ByteArrayOutputStream;
		this.out = buffered ? out : new BufferedOutputStream(out, BUFFER);
		this.base = this.out;
	}

	/** Builds File Meta Information (PS3.10 §7.1) for an instance. */
	public static Attributes createFileMetaInformation(String sopClassUid, String sopInstanceUid,
			String transferSyntaxUid) {
		Attributes fmi = new Attributes();
		fmi.setBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] { 0, 1 });
		fmi.setString(Tag.MediaStorageSOPClassUID, VR.UI, sopClassUid);
		fmi.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUid);
		fmi.setString(Tag.TransferSyntaxUID, VR.UI, transferSyntaxUid);
		fmi.setString(Tag.ImplementationClassUID, VR.UI, Implementation.CLASS_UID);
		fmi.setString(Tag.ImplementationVersionName, VR.SH, Implementation.VERSION_NAME);
		return fmi;
	}

	/**
	 * Writes the preamble, "DICM" and the group 0002 elements with a computed (0002,0000)
	 * group length.
	 */
	public void writeFileMetaInformation(Attributes fmi) throws IOException {
		out.write(new byte[128]);
		out.write("DICM".getBytes(StandardCharsets.US_ASCII));
		explicitVr = true;
		long groupLength = 0;
		for (DataElement e : fmi) {
			if (e.tag() != Tag.FileMetaInformationGroupLength) {
				groupLength += (e.vr().hasLongHeader() ? 12 : 8) + even(e.bytes().length);
			}
		}
		writeHeader(Tag.FileMetaInformationGroupLength, VR.UL, 4);
		writeU32((int) groupLength);
		for (DataElement e : fmi) {
			if (e.tag() != Tag.FileMetaInformationGroupLength) {
				writeElement(e);
			}
		}
	}

	/**
	 * Switches to the transfer syntax of the data set that follows (and to deflate for
	 * Deflated Explicit VR Little Endian, PS3.5 §A.5). Call once, after the File Meta
	 * Information and before the data set.
	 */
	public void useTransferSyntax(String transferSyntaxUid) throws IOException {
		TransferSyntax ts = TransferSyntax.encodingOf(transferSyntaxUid);
		if (ts.bigEndian()) {
			throw new DicomStreamException("writing Explicit VR Big Endian (retired) is not supported");
		}
		explicitVr = ts.explicitVr();
		if (ts.deflated()) {
			out.flush();
			deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
			deflatedBytes = new CountingOutputStream(base);
			deflating = new DeflaterOutputStream(deflatedBytes, deflater, BUFFER);
			out = new BufferedOutputStream(deflating, BUFFER);
		}
	}

	public void writeDataset(Attributes dataset) throws IOException {
		for (DataElement e : dataset) {
			writeElement(e);
		}
	}

	/**
	 * Bytes already encoded in the current transfer syntax, such as a data set received
	 * over the network.
	 */
	public void writeRaw(byte[] bytes, int offset, int length) throws IOException {
		out.write(bytes, offset, length);
	}

	private void writeElement(DataElement e) throws IOException {
		if (e.isSequence()) {
			writeHeader(e.tag(), VR.SQ, -1);
			for (Attributes item : e.sequence()) {
				writeHeader(Tag.Item, null, -1);
				writeDataset(item);
				writeHeader(Tag.ItemDelimitationItem, null, 0);
			}
			writeHeader(Tag.SequenceDelimitationItem, null, 0);
		}
		else if (e.isFragments()) {
			Fragments fragments = e.fragments();
			writeHeader(e.tag(), e.vr(), -1);
			for (int i = 0; i < fragments.size(); i++) {
				byte[] f = fragments.get(i);
				writeHeader(Tag.Item, null, even(f.length));
				writePadded(f, VR.OB);
			}
			writeHeader(Tag.SequenceDelimitationItem, null, 0);
		}
		else {
			byte[] value = e.bytes();
			if (explicitVr && !e.vr().hasLongHeader() && value.length > 0xFFFE) {
				throw new DicomStreamException(Tags.toString(e.tag()) + " " + e.vr() + " value of " + value.length
						+ " bytes does not fit a 16-bit length");
			}
			writeHeader(e.tag(), e.vr(), even(value.length));
			writePadded(value, e.vr());
		}
	}

	/**
	 * Element header; {@code vr == null} for items and delimiters; {@code length -1} is
	 * undefined length.
	 */
	private void writeHeader(int tag, VR vr, int length) throws IOException {
		byte[] h = header;
		putU16(h, 0, tag >>> 16);
		putU16(h, 2, tag);
		if (vr == null || !explicitVr) {
			putU32(h, 4, length);
			out.write(h, 0, 8);
		}
		else if (vr.hasLongHeader()) {
			h[4] = (byte) (vr.code() >> 8);
			h[5] = (byte) vr.code();
			h[6] = 0;
			h[7] = 0;
			putU32(h, 8, length);
			out.write(h, 0, 12);
		}
		else {
			h[4] = (byte) (vr.code() >> 8);
			h[5] = (byte) vr.code();
			putU16(h, 6, length);
			out.write(h, 0, 8);
		}
	}

	private void writePadded(byte[] value, VR vr) throws IOException {
		out.write(value);
		if ((value.length & 1) == 1) {
			out.write(vr.padding());
		}
	}

	private void writeU32(int v) throws IOException {
		putU32(header, 0, v);
		out.write(header, 0, 4);
	}

	private static int even(int length) {
		return length + (length & 1);
	}

	private static void putU16(byte[] b, int off, int v) {
		b[off] = (byte) v;
		b[off + 1] = (byte) (v >>> 8);
	}

	private static void putU32(byte[] b, int off, int v) {
		putU16(b, off, v);
		putU16(b, off + 2, v >>> 16);
	}

	public void flush() throws IOException {
		out.flush();
	}

	/**
	 * Finishes a deflated data set, padding it to even length with one NUL byte (PS3.5
	 * §A.5), flushes, and closes the underlying stream.
	 */
	@Override
	public void close() throws IOException {
		try {
			if (deflating != null && deflatedBytes != null) {
				out.flush();
				deflating.finish();
				if ((deflatedBytes.count() & 1) == 1) {
					base.write(0);
				}
			}
			base.close();
		}
		finally {
			if (deflater != null) {
				deflater.end();
			}
		}
	}

	/** Counts what the deflater emits, for the even-length padding. */
	private static final class CountingOutputStream extends java.io.FilterOutputStream {

		private long count;

		CountingOutputStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			out.write(b);
			count++;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
			count += len;
		}

		long count() {
			return count;
		}

	}

}
