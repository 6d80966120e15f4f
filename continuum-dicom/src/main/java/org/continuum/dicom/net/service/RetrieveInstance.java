package org.continuum.dicom.net.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.io.DicomInputStream;

/**
 * One instance to send as a C-STORE sub-operation (PS3.4 §C.4.2.2, §C.4.3.2): its UIDs,
 * the transfer syntax its bytes are in, and how to open those bytes (the data set only,
 * no File Meta Information).
 */
public record RetrieveInstance(String sopClassUid, String sopInstanceUid, String transferSyntax, Source dataSet) {

	/** Opens the encoded data set. */
	@FunctionalInterface
	public interface Source {

		InputStream open() throws IOException;

	}

	/** An instance stored as a Part 10 file; the data set streams from disk as stored. */
	public static RetrieveInstance ofFile(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file); var dis = DicomInputStream.openFile(in)) {
			var fmi = dis.fileMetaInformation();
			return new RetrieveInstance(fmi.getString(Tag.MediaStorageSOPClassUID),
					fmi.getString(Tag.MediaStorageSOPInstanceUID), dis.transferSyntaxUid(), () -> {
						InputStream raw = Files.newInputStream(file);
						try {
							return DicomInputStream.openFile(raw).rawDataSetStream();
						}
						catch (IOException e) {
							raw.close();
							throw e;
						}
					});
		}
	}
}
