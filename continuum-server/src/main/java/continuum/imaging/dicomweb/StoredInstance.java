package continuum.imaging.dicomweb;

import org.jspecify.annotations.Nullable;

/**
 * One instance as the index knows it: where its Part 10 file is (relative to the PACS
 * store's folder) and what WADO-RS needs to answer frames without reading the file first.
 */
record StoredInstance(String studyUid, String seriesUid, String sopInstanceUid, String sopClassUid,
		String transferSyntaxUid, String filePath, long fileSize, int frames, @Nullable Integer rows,
		@Nullable Integer columns, @Nullable Integer bitsAllocated, long patientId) {

	String url(String base) {
		return base + "/studies/" + studyUid + "/series/" + seriesUid + "/instances/" + sopInstanceUid;
	}

}
