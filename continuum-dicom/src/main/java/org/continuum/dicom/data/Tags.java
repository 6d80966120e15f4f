package org.continuum.dicom.data;

/** Arithmetic on tags held as {@code int 0xGGGGEEEE} (PS3.5 §7.1). */
public final class Tags {

	private Tags() {
	}

	public static int of(int group, int element) {
		return (group << 16) | (element & 0xFFFF);
	}

	public static int group(int tag) {
		return tag >>> 16;
	}

	public static int element(int tag) {
		return tag & 0xFFFF;
	}

	/** Private data elements have an odd group number (PS3.5 §7.8.1). */
	public static boolean isPrivate(int tag) {
		return (group(tag) & 1) == 1 && group(tag) > 7;
	}

	/**
	 * Private Creator elements reserve a block: (gggg,0010-00FF) in an odd group (PS3.5
	 * §7.8.1).
	 */
	public static boolean isPrivateCreator(int tag) {
		int element = element(tag);
		return isPrivate(tag) && element >= 0x10 && element <= 0xFF;
	}

	/** Group length elements (gggg,0000) (PS3.5 §7.2). */
	public static boolean isGroupLength(int tag) {
		return element(tag) == 0;
	}

	/**
	 * Tags compare as unsigned 32-bit numbers: data sets are ordered by group, then
	 * element (PS3.5 §7.1).
	 */
	public static int compare(int a, int b) {
		return Integer.compareUnsigned(a, b);
	}

	public static String toString(int tag) {
		return String.format("(%04X,%04X)", group(tag), element(tag));
	}

}
