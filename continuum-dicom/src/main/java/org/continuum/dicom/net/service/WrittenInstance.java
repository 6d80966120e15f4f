package org.continuum.dicom.net.service;

import java.util.HexFormat;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.jspecify.annotations.Nullable;

/**
 * What {@link InstanceFileWriter#writeIndexed} learnt while writing one instance: the
 * data set's attributes before its pixel data (PS3.3 information entities: patient,
 * study, series, instance; image pixel description), the file's size and its SHA-256.
 */
public record WrittenInstance(Attributes attributes, long size, byte[] sha256) {

	public String sha256Hex() {
		return HexFormat.of().formatHex(sha256);
	}

	public @Nullable String studyInstanceUid() {
		return attributes.getString(Tag.StudyInstanceUID);
	}

	public @Nullable String seriesInstanceUid() {
		return attributes.getString(Tag.SeriesInstanceUID);
	}

	public @Nullable String sopInstanceUid() {
		return attributes.getString(Tag.SOPInstanceUID);
	}

	/** Rows (0028,0010); 0 if absent (not an image). */
	public int rows() {
		return attributes.getInt(Tag.Rows, 0);
	}

	public int columns() {
		return attributes.getInt(Tag.Columns, 0);
	}

	/** Number of Frames (0028,0008), 1 for a single-frame image, 0 if not an image. */
	public int numberOfFrames() {
		return attributes.getInt(Tag.NumberOfFrames, rows() > 0 ? 1 : 0);
	}

}
