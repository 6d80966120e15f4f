package org.continuum.dicom.data;

/**
 * Private data elements by creator (PS3.5 §7.8.1): a Private Creator element (gggg,00xx)
 * reserves the block (gggg,xx00-xxFF), so a private attribute is named by group, creator
 * and element offset, not by a fixed tag.
 */
public final class PrivateTags {

	private PrivateTags() {
	}

	/**
	 * The tag of {@code (group, creator, offset)} in this data set, or -1 if the creator
	 * has no block here.
	 */
	public static int find(Attributes ds, int group, String creator, int offset) {
		checkArguments(group, offset);
		for (int block = 0x10; block <= 0xFF; block++) {
			if (creator.equals(ds.getString(Tags.of(group, block)))) {
				return Tags.of(group, block << 8 | offset);
			}
		}
		return -1;
	}

	/**
	 * As {@link #find}, reserving the first free block for the creator if it has none
	 * yet.
	 */
	public static int reserve(Attributes ds, int group, String creator, int offset) {
		int tag = find(ds, group, creator, offset);
		if (tag != -1) {
			return tag;
		}
		for (int block = 0x10; block <= 0xFF; block++) {
			int creatorTag = Tags.of(group, block);
			if (!ds.contains(creatorTag)) {
				ds.setString(creatorTag, VR.LO, creator);
				return Tags.of(group, block << 8 | offset);
			}
		}
		throw new IllegalStateException("all 240 private blocks of group " + Integer.toHexString(group) + " are taken");
	}

	private static void checkArguments(int group, int offset) {
		if ((group & 1) == 0 || group <= 7 || offset < 0 || offset > 0xFF) {
			throw new IllegalArgumentException("private group must be odd and > 0007, offset 00-FF: "
					+ Integer.toHexString(group) + "/" + Integer.toHexString(offset));
		}
	}

}
