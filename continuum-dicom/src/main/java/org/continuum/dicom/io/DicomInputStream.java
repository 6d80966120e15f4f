package org.continuum.dicom.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.BinaryValues;
import org.continuum.dicom.data.DataElement;
import org.continuum.dicom.data.ElementDictionary;
import org.continuum.dicom.data.Fragments;
import org.continuum.dicom.data.Sequence;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Tags;
import org.continuum.dicom.data.VR;
import org.jspecify.annotations.Nullable;

/**
 * Streaming reader of data sets (PS3.5 §7) and Part 10 files (PS3.10 §7.1: 128-byte
 * preamble, "DICM", File Meta Information in Explicit VR Little Endian, then the data set
 * in its transfer syntax). Reads Implicit and Explicit VR Little Endian, Deflated
 * Explicit VR Little Endian and Explicit VR Big Endian; values of Big Endian data sets
 * are swapped to Little Endian. {@link #readDatasetUntil(int)} stops before a tag, for
 * example before Pixel Data, so that a large study can be indexed without loading it.
 * Nesting depth is bounded.
 */
public final class DicomInputStream implements Closeable {

	private static final long UNDEFINED = 0xFFFFFFFFL;

	private static final int BUFFER = 64 * 1024;

	private final ElementDictionary dictionary = ElementDictionary.standard();

	private final ByteInput in;

	private @Nullable Attributes fileMetaInformation;

	private @Nullable String transferSyntaxUid;

	private boolean explicitVr;

	private int maxDepth = 64;

	private int pendingTag = -1;

	private @Nullable InputStream rawStream;

	/**
	 * The VR of the element header read last (explicit, or from the dictionary for
	 * implicit VR).
	 */
	private VR headerVr = VR.UN;

	private DicomInputStream(InputStream in) {
		boolean buffered = in instanceof BufferedInputStream || in instanceof java.io.ByteArrayInputStream;
		this.in = new ByteInput(buffered ? in : new BufferedInputStream(in, BUFFER));
	}

	/**
	 * Opens a Part 10 file (with or without preamble); the File Meta Information is read
	 * at once.
	 */
	public static DicomInputStream openFile(InputStream in) throws IOException {
		DicomInputStream dis = new DicomInputStream(in);
		dis.readPart10Header();
		return dis;
	}

	/**
	 * Reads a bare data set in the given transfer syntax, as carried in P-DATA-TF (PS3.7
	 * §6.3.1).
	 */
	public static DicomInputStream forDataset(InputStream in, String transferSyntaxUid) throws IOException {
		DicomInputStream dis = new DicomInputStream(in);
		dis.useTransferSyntax(transferSyntaxUid);
		return dis;
	}

	/**
	 * Most levels of nested sequences accepted before the input is rejected (default 64).
	 */
	public void setMaxDepth(int maxDepth) {
		this.maxDepth = maxDepth;
	}

	public @Nullable Attributes fileMetaInformation() {
		return fileMetaInformation;
	}

	public @Nullable String transferSyntaxUid() {
		return transferSyntaxUid;
	}

	/** Bytes of the (inflated) stream consumed so far. */
	public long position() {
		return in.position();
	}

	public Attributes readDataset() throws IOException {
		Attributes ds = new Attributes();
		readElements(ds, -1, 0, 0);
		return ds;
	}

	/**
	 * Reads the top-level elements whose tag is lower than {@code stopTag}; the header of
	 * the element at {@code stopTag} (or the next higher one) has been consumed when this
	 * returns, its value has not.
	 */
	public Attributes readDatasetUntil(int stopTag) throws IOException {
		Attributes ds = new Attributes();
		readElements(ds, -1, 0, stopTag);
		return ds;
	}

	private void readPart10Header() throws IOException {
		InputStream raw = in.stream();
		raw.mark(132);
		byte[] head = raw.readNBytes(132);
		boolean preamble = head.length == 132 && new String(head, 128, 4, StandardCharsets.US_ASCII).equals("DICM");
		if (!preamble) {
			raw.reset();
			raw.mark(8);
			byte[] start = raw.readNBytes(2);
			raw.reset();
			if (start.length < 2 || start[0] != 2 || start[1] != 0) {
				throw new DicomStreamException("not a DICOM Part 10 file: no DICM prefix and no File Meta Information");
			}
		}
		explicitVr = true;
		in.bigEndian(false);
		Attributes fmi = new Attributes();
		while (true) {
			raw.mark(4);
			byte[] group = raw.readNBytes(2);
			raw.reset();
			if (group.length < 2 || group[0] != 2 || group[1] != 0) {
				break;
			}
			readElement(fmi, in.readFirstByteOrEnd(), -1, 0);
		}
		fileMetaInformation = fmi;
		String ts = fmi.getString(Tag.TransferSyntaxUID);
		if (ts == null) {
			throw new DicomStreamException("File Meta Information lacks Transfer Syntax UID (0002,0010)");
		}
		useTransferSyntax(ts);
	}

	/**
	 * The rest of the file exactly as stored (still deflated for Deflated Explicit VR
	 * Little Endian), for passing a data set on without decoding it. Use instead of, not
	 * after, the read methods.
	 */
	public @Nullable InputStream rawDataSetStream() {
		return rawStream;
	}

	private void useTransferSyntax(String uid) {
		rawStream = in.stream();
		TransferSyntax ts = TransferSyntax.encodingOf(uid);
		transferSyntaxUid = uid;
		explicitVr = ts.explicitVr();
		in.bigEndian(ts.bigEndian());
		if (ts.deflated()) {
			in.replaceStream(
					new BufferedInputStream(new InflaterInputStream(in.stream(), new Inflater(true), BUFFER), BUFFER));
		}
	}

	/**
	 * Reads elements until {@code end} (or a delimiter / end of stream when
	 * {@code end < 0}).
	 */
	private void readElements(Attributes target, long end, int depth, int stopTag) throws IOException {
		while (end < 0 || in.position() < end) {
			int first = in.readFirstByteOrEnd();
			if (first < 0) {
				if (depth > 0) {
					throw new DicomStreamException("data set ends inside an item at nesting depth " + depth);
				}
				return;
			}
			int tag = in.readTag(first);
			if (tag == Tag.ItemDelimitationItem) {
				in.readU32();
				if (depth == 0 || end >= 0) {
					throw new DicomStreamException(
							"item delimiter at byte " + in.position() + " outside an undefined-length item");
				}
				return;
			}
			if (depth == 0 && stopTag != 0 && Tags.compare(tag, stopTag) >= 0) {
				pendingTag = tag;
				readHeader(tag);
				return;
			}
			readElementAfterTag(target, tag, end, depth);
		}
		if (in.position() > end) {
			throw new DicomStreamException("element overruns its item, which ends at byte " + end);
		}
	}

	private void readElement(Attributes target, int firstByte, long end, int depth) throws IOException {
		readElementAfterTag(target, in.readTag(firstByte), end, depth);
	}

	private long readHeader(int tag) throws IOException {
		if (explicitVr && !isDelimiterOrItem(tag)) {
			int code = in.readU16BigEndian();
			VR vr = VR.ofCode(code);
			if (vr == null) {
				throw new DicomStreamException("unknown VR 0x" + Integer.toHexString(code) + " for "
						+ Tags.toString(tag) + " at byte " + in.position());
			}
			headerVr = vr;
			if (vr.hasLongHeader()) {
				in.readU16();
				return in.readU32();
			}
			return in.readU16();
		}
		headerVr = dictionary.vrOf(tag);
		return in.readU32();
	}

	private void readElementAfterTag(Attributes target, int tag, long end, int depth) throws IOException {
		if (isDelimiterOrItem(tag)) {
			throw new DicomStreamException("unexpected " + Tags.toString(tag) + " at byte " + in.position());
		}
		long length = readHeader(tag);
		VR vr = headerVr;
		if (end >= 0 && length != UNDEFINED && in.position() + length > end) {
			throw new DicomStreamException(Tags.toString(tag) + " declares " + length + " bytes, which overruns"
					+ " its enclosing item at byte " + end);
		}
		if (vr == VR.SQ || (length == UNDEFINED && vr == VR.UN && tag != Tag.PixelData)) {
			readSequence(target, tag, length, depth + 1, vr != VR.SQ);
		}
		else if (length == UNDEFINED) {
			if (vr != VR.OB && vr != VR.OW && vr != VR.UN) {
				throw new DicomStreamException(Tags.toString(tag) + " " + vr + " has undefined length");
			}
			target.setFragments(tag, vr == VR.UN ? VR.OB : vr, readFragments(tag));
		}
		else {
			byte[] value = in.readBytes(length);
			if (in.bigEndian()) {
				BinaryValues.swap(value, vr);
			}
			target.set(DataElement.ofBytes(tag, vr, value));
		}
	}

	/**
	 * A sequence (PS3.5 §7.5); an undefined-length UN is parsed as Implicit VR Little
	 * Endian (PS3.5 §6.2.2).
	 */
	private void readSequence(Attributes target, int tag, long length, int depth, boolean implicitContent)
			throws IOException {
		if (depth > maxDepth) {
			throw new DicomStreamException("sequences nested deeper than " + maxDepth + " at " + Tags.toString(tag));
		}
		Sequence sequence = target.newSequence(tag);
		boolean savedExplicit = explicitVr;
		boolean savedBigEndian = in.bigEndian();
		if (implicitContent) {
			explicitVr = false;
			in.bigEndian(false);
		}
		try {
			long end = length == UNDEFINED ? -1 : in.position() + length;
			while (end < 0 || in.position() < end) {
				int itemTag = in.readTag(in.readU8());
				long itemLength = in.readU32();
				if (itemTag == Tag.SequenceDelimitationItem) {
					if (end >= 0) {
						throw new DicomStreamException("sequence delimiter in defined-length " + Tags.toString(tag));
					}
					return;
				}
				if (itemTag != Tag.Item) {
					throw new DicomStreamException("expected an item in " + Tags.toString(tag) + ", found "
							+ Tags.toString(itemTag) + " at byte " + in.position());
				}
				Attributes item = sequence.addItem();
				if (itemLength == UNDEFINED) {
					readElements(item, -1, depth, 0);
				}
				else {
					long itemEnd = in.position() + itemLength;
					if (end >= 0 && itemEnd > end) {
						throw new DicomStreamException("item overruns " + Tags.toString(tag));
					}
					readElements(item, itemEnd, depth, 0);
				}
			}
		}
		finally {
			explicitVr = savedExplicit;
			in.bigEndian(savedBigEndian);
		}
	}

	/**
	 * Encapsulated pixel data (PS3.5 §A.4): items of defined length up to the sequence
	 * delimiter.
	 */
	private Fragments readFragments(int tag) throws IOException {
		Fragments fragments = new Fragments();
		while (true) {
			int itemTag = in.readTag(in.readU8());
			long itemLength = in.readU32();
			if (itemTag == Tag.SequenceDelimitationItem) {
				return fragments;
			}
			if (itemTag != Tag.Item || itemLength == UNDEFINED) {
				throw new DicomStreamException("bad fragment item " + Tags.toString(itemTag) + " in "
						+ Tags.toString(tag) + " at byte " + in.position());
			}
			fragments.add(in.readBytes(itemLength));
		}
	}

	private static boolean isDelimiterOrItem(int tag) {
		return tag == Tag.Item || tag == Tag.ItemDelimitationItem || tag == Tag.SequenceDelimitationItem;
	}

	/** The tag at which {@link #readDatasetUntil(int)} stopped, or -1. */
	public int stoppedAtTag() {
		return pendingTag;
	}

	@Override
	public void close() throws IOException {
		in.stream().close();
	}

}
