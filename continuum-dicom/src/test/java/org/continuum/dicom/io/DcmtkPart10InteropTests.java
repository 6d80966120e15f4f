package org.continuum.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.testing.Dcmtk;
import org.continuum.dicom.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our Part 10 files against dcmtk's dcmdump and dcmconv, in both directions. */
class DcmtkPart10InteropTests {

	@TempDir
	Path dir;

	@Test
	void dcmdumpReadsOurFilesInEveryWritableTransferSyntax() throws Exception {
		Attributes ds = TestData.ctImage(16, "Lefèvre^Anaïs");
		for (TransferSyntax ts : new TransferSyntax[] { TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN }) {
			Path file = dir.resolve(ts.name() + ".dcm");
			Files.write(file, DicomStreamRoundTripTests.writeFile(ds, ts));
			var result = Dcmtk.run(dir, "dcmdump", "-E", "+L", file.toString());
			assertThat(result.exitCode()).as(result.output()).isZero();
			assertThat(result.output()).contains("(0010,0020) LO [PID0001]")
				.contains("# Dicom-Data-Set")
				.doesNotContain("E: ")
				.doesNotContain("W: ");
		}
	}

	@Test
	void readsBigEndianAndImplicitFilesWrittenByDcmconv() throws Exception {
		Attributes ds = TestData.ctImage(16, "Lefèvre^Anaïs");
		Path ours = dir.resolve("ours.dcm");
		Files.write(ours, DicomStreamRoundTripTests.writeFile(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
		for (String option : new String[] { "+tb", "+ti", "+td" }) {
			Path converted = dir.resolve("conv" + option.substring(1) + ".dcm");
			var result = Dcmtk.run(dir, "dcmconv", option, ours.toString(), converted.toString());
			assertThat(result.exitCode()).as(result.output()).isZero();
			try (InputStream in = Files.newInputStream(converted); var dis = DicomInputStream.openFile(in)) {
				Attributes back = dis.readDataset();
				assertThat(back.getString(Tag.PatientName)).isEqualTo("Lefèvre^Anaïs");
				assertThat(back.getInt(Tag.Rows, 0)).isEqualTo(16);
				assertThat(back.getBytes(Tag.PixelData)).isEqualTo(ds.getBytes(Tag.PixelData));
				assertThat(back.getDoubles(Tag.ImagePositionPatient)).containsExactly(0.0, 0.0, 1.0);
			}
		}
	}

}
