package org.continuum.dicom.data;

import org.jspecify.annotations.Nullable;

/**
 * Value Representations of PS3.5 §6.2, with what the codec needs to know about each: the
 * header form in explicit VR encodings (PS3.5 §7.1.2), the padding byte, the size of one
 * binary value (for byte swapping) and whether the Specific Character Set applies (PS3.5
 * §6.1.2.3).
 */
public enum VR {

	AE(Kind.STRING, false, ' ', 1, false), AS(Kind.STRING, false, ' ', 1, false), AT(Kind.BINARY, false, 0, 2, false),
	CS(Kind.STRING, false, ' ', 1, false), DA(Kind.STRING, false, ' ', 1, false), DS(Kind.STRING, false, ' ', 1, false),
	DT(Kind.STRING, false, ' ', 1, false), FD(Kind.BINARY, false, 0, 8, false), FL(Kind.BINARY, false, 0, 4, false),
	IS(Kind.STRING, false, ' ', 1, false), LO(Kind.STRING, false, ' ', 1, true), LT(Kind.TEXT, false, ' ', 1, true),
	OB(Kind.BINARY, true, 0, 1, false), OD(Kind.BINARY, true, 0, 8, false), OF(Kind.BINARY, true, 0, 4, false),
	OL(Kind.BINARY, true, 0, 4, false), OV(Kind.BINARY, true, 0, 8, false), OW(Kind.BINARY, true, 0, 2, false),
	PN(Kind.STRING, false, ' ', 1, true), SH(Kind.STRING, false, ' ', 1, true), SL(Kind.BINARY, false, 0, 4, false),
	SQ(Kind.SEQUENCE, true, 0, 1, false), SS(Kind.BINARY, false, 0, 2, false), ST(Kind.TEXT, false, ' ', 1, true),
	SV(Kind.BINARY, true, 0, 8, false), TM(Kind.STRING, false, ' ', 1, false), UC(Kind.STRING, true, ' ', 1, true),
	UI(Kind.STRING, false, 0, 1, false), UL(Kind.BINARY, false, 0, 4, false), UN(Kind.BINARY, true, 0, 1, false),
	UR(Kind.TEXT, true, ' ', 1, false), US(Kind.BINARY, false, 0, 2, false), UT(Kind.TEXT, true, ' ', 1, true),
	UV(Kind.BINARY, true, 0, 8, false);

	/** How values of a VR are held. */
	public enum Kind {

		/** Character string with backslash-separated multiple values. */
		STRING,
		/** Character string that is always single-valued (backslash is a character). */
		TEXT,
		/** Fixed-size binary numbers or bytes. */
		BINARY,
		/** Sequence of items. */
		SEQUENCE

	}

	private final Kind kind;

	private final boolean longHeader;

	private final byte padding;

	private final int valueSize;

	private final boolean characterSetApplies;

	private final int code;

	VR(Kind kind, boolean longHeader, int padding, int valueSize, boolean characterSetApplies) {
		this.kind = kind;
		this.longHeader = longHeader;
		this.padding = (byte) padding;
		this.valueSize = valueSize;
		this.characterSetApplies = characterSetApplies;
		this.code = (name().charAt(0) << 8) | name().charAt(1);
	}

	public Kind kind() {
		return kind;
	}

	/**
	 * True if explicit VR encodings use 2 reserved bytes and a 4-byte length for this VR
	 * (PS3.5 Table 7.1-1).
	 */
	public boolean hasLongHeader() {
		return longHeader;
	}

	public byte padding() {
		return padding;
	}

	/** Size in bytes of one value, used to swap byte order; 1 for strings and OB/UN. */
	public int valueSize() {
		return valueSize;
	}

	public boolean characterSetApplies() {
		return characterSetApplies;
	}

	public boolean isString() {
		return kind == Kind.STRING || kind == Kind.TEXT;
	}

	/**
	 * The two ASCII characters as a big-endian 16-bit number, as they appear in an
	 * explicit VR header.
	 */
	public int code() {
		return code;
	}

	private static final @Nullable VR[] BY_CODE = new VR[1 << 16];

	static {
		for (VR vr : values()) {
			BY_CODE[vr.code] = vr;
		}
	}

	/** The VR for the two header bytes, or {@code null} if they are not a VR. */
	public static @Nullable VR ofCode(int code) {
		return BY_CODE[code & 0xFFFF];
	}

}
