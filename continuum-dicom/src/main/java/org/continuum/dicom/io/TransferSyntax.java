package org.continuum.dicom.io;

import java.util.Optional;

/**
 * The transfer syntaxes this library knows (PS3.5 §10, Annex A; UIDs from PS3.6 Annex A).
 * The first four define how a data set is encoded; the encapsulated ones all use Explicit
 * VR Little Endian with pixel data kept as fragments, which is all this library needs of
 * them (it never decodes images).
 */
public enum TransferSyntax {

	IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", false, false, false, false),
	EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", true, false, false, false),
	DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1.99", true, false, true, false),
	EXPLICIT_VR_BIG_ENDIAN("1.2.840.10008.1.2.2", true, true, false, false),
	JPEG_BASELINE_8BIT("1.2.840.10008.1.2.4.50", true, false, false, true),
	JPEG_EXTENDED_12BIT("1.2.840.10008.1.2.4.51", true, false, false, true),
	JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", true, false, false, true),
	JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", true, false, false, true),
	JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", true, false, false, true),
	JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", true, false, false, true),
	JPEG_2000("1.2.840.10008.1.2.4.91", true, false, false, true),
	RLE_LOSSLESS("1.2.840.10008.1.2.5", true, false, false, true);

	private final String uid;

	private final boolean explicitVr;

	private final boolean bigEndian;

	private final boolean deflated;

	private final boolean encapsulated;

	TransferSyntax(String uid, boolean explicitVr, boolean bigEndian, boolean deflated, boolean encapsulated) {
		this.uid = uid;
		this.explicitVr = explicitVr;
		this.bigEndian = bigEndian;
		this.deflated = deflated;
		this.encapsulated = encapsulated;
	}

	public String uid() {
		return uid;
	}

	public boolean explicitVr() {
		return explicitVr;
	}

	public boolean bigEndian() {
		return bigEndian;
	}

	public boolean deflated() {
		return deflated;
	}

	public boolean encapsulated() {
		return encapsulated;
	}

	public static Optional<TransferSyntax> of(String uid) {
		for (TransferSyntax ts : values()) {
			if (ts.uid.equals(uid)) {
				return Optional.of(ts);
			}
		}
		return Optional.empty();
	}

	/**
	 * How to parse a data set of this transfer syntax: unknown UIDs are taken as
	 * encapsulated Explicit VR Little Endian, which is what every transfer syntax defined
	 * since 1.2.840.10008.1.2.4 uses (PS3.5 §A.4).
	 */
	public static TransferSyntax encodingOf(String uid) {
		return of(uid).orElse(JPEG_BASELINE_8BIT);
	}

}
