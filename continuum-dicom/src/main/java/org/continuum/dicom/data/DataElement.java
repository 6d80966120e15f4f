package org.continuum.dicom.data;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * One data element (PS3.5 §7.1): tag, VR and value. The value is either the raw value
 * bytes in Little Endian order exactly as read (so unknown and private elements survive a
 * round trip byte for byte), a {@link Sequence}, or the {@link Fragments} of encapsulated
 * pixel data (PS3.5 §A.4).
 */
public final class DataElement {

	private static final byte[] EMPTY = new byte[0];

	private final int tag;

	private final VR vr;

	private final Object value;

	private DataElement(int tag, VR vr, Object value) {
		this.tag = tag;
		this.vr = vr;
		this.value = value;
	}

	public static DataElement ofBytes(int tag, VR vr, byte @Nullable [] bytes) {
		return new DataElement(tag, vr, bytes == null ? EMPTY : bytes);
	}

	public static DataElement ofSequence(int tag, Sequence sequence) {
		return new DataElement(tag, VR.SQ, sequence);
	}

	public static DataElement ofFragments(int tag, VR vr, Fragments fragments) {
		return new DataElement(tag, vr, fragments);
	}

	public int tag() {
		return tag;
	}

	public VR vr() {
		return vr;
	}

	/**
	 * The value bytes, or an empty array for sequences and fragments. Not copied: do not
	 * modify.
	 */
	public byte[] bytes() {
		return value instanceof byte[] ? (byte[]) value : EMPTY;
	}

	public @Nullable Sequence sequence() {
		return value instanceof Sequence ? (Sequence) value : null;
	}

	public @Nullable Fragments fragments() {
		return value instanceof Fragments ? (Fragments) value : null;
	}

	public boolean isSequence() {
		return value instanceof Sequence;
	}

	public boolean isFragments() {
		return value instanceof Fragments;
	}

	/**
	 * Same value; the VR counts only when neither side is UN (an implicit VR read cannot
	 * know a private VR).
	 */
	boolean sameContent(DataElement other) {
		if (tag != other.tag || (vr != other.vr && vr != VR.UN && other.vr != VR.UN)) {
			return false;
		}
		if (value instanceof byte[] && other.value instanceof byte[]) {
			return Arrays.equals((byte[]) value, (byte[]) other.value);
		}
		return value.equals(other.value);
	}

	int contentHash() {
		return 31 * tag + (value instanceof byte[] ? Arrays.hashCode((byte[]) value) : value.hashCode());
	}

	@Override
	public String toString() {
		String shown;
		if (value instanceof Sequence) {
			shown = ((Sequence) value).size() + " item(s)";
		}
		else if (value instanceof Fragments) {
			shown = ((Fragments) value).size() + " fragment(s)";
		}
		else {
			shown = bytes().length + " bytes";
		}
		return Tags.toString(tag) + " " + vr + " " + shown;
	}

}
