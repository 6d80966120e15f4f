package org.continuum.dicom.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.DicomOutputStream;

/** Writing and reading Part 10 files in tests. */
public final class Part10Files {

	private Part10Files() {
	}

	public static Path write(Path file, Attributes ds, String transferSyntax) throws IOException {
		try (OutputStream os = Files.newOutputStream(file); var out = new DicomOutputStream(os)) {
			out.writeFileMetaInformation(DicomOutputStream.createFileMetaInformation(ds.getString(Tag.SOPClassUID),
					ds.getString(Tag.SOPInstanceUID), transferSyntax));
			out.useTransferSyntax(transferSyntax);
			out.writeDataset(ds);
		}
		return file;
	}

	public static Attributes read(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file); var dis = DicomInputStream.openFile(in)) {
			return dis.readDataset();
		}
	}

	public static String transferSyntaxOf(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file); var dis = DicomInputStream.openFile(in)) {
			return dis.transferSyntaxUid();
		}
	}

}
