package org.continuum.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Tags;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.testing.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class DicomStreamRoundTripTests {

	static byte[] writeFile(Attributes ds, TransferSyntax ts) throws IOException {
		var bytes = new ByteArrayOutputStream();
		try (var out = new DicomOutputStream(bytes)) {
			out.writeFileMetaInformation(DicomOutputStream.createFileMetaInformation(ds.getString(Tag.SOPClassUID),
					ds.getString(Tag.SOPInstanceUID), ts.uid()));
			out.useTransferSyntax(ts.uid());
			out.writeDataset(ds);
		}
		return bytes.toByteArray();
	}

	static Attributes readFile(byte[] file) throws IOException {
		try (var in = DicomInputStream.openFile(new ByteArrayInputStream(file))) {
			return in.readDataset();
		}
	}

	@ParameterizedTest
	@EnumSource(value = TransferSyntax.class,
			names = { "IMPLICIT_VR_LITTLE_ENDIAN", "EXPLICIT_VR_LITTLE_ENDIAN", "DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN" })
	void roundTripsAnImageInEachWritableTransferSyntax(TransferSyntax ts) throws IOException {
		Attributes ds = TestData.ctImage(64, "Lefèvre^Anaïs");
		byte[] file = writeFile(ds, ts);
		try (var in = DicomInputStream.openFile(new ByteArrayInputStream(file))) {
			assertThat(in.transferSyntaxUid()).isEqualTo(ts.uid());
			assertThat(in.fileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID))
				.isEqualTo(ds.getString(Tag.SOPInstanceUID));
			Attributes back = in.readDataset();
			assertThat(back).isEqualTo(ds);
			assertThat(back.getString(Tag.PatientName)).isEqualTo("Lefèvre^Anaïs");
		}
	}

	@Test
	void padsDeflatedDataSetsToEvenLength() throws IOException {
		for (int i = 0; i < 20; i++) {
			Attributes ds = TestData.ctImage(8 + i, "Padding^Test" + "x".repeat(i));
			byte[] file = writeFile(ds, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
			assertThat(file.length % 2).as("PS3.5 §A.5 even length, try " + i).isZero();
			assertThat(readFile(file)).isEqualTo(ds);
		}
	}

	@Test
	void preservesPrivateElementsByteForByteThroughImplicitVr() throws IOException {
		Attributes ds = TestData.ctImage(8, "Peeters^Jan");
		Attributes back = readFile(writeFile(ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
		assertThat(back.vr(Tags.of(0x0009, 0x1001))).isEqualTo(VR.UN);
		assertThat(back.getBytes(Tags.of(0x0009, 0x1001))).containsExactly(1, 2, 3, 4, 5, 6);
		byte[] again = writeFile(back, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
		assertThat(again).isEqualTo(writeFile(ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
	}

	@Test
	void roundTripsEncapsulatedFragments() throws IOException {
		Attributes ds = TestData.encapsulated(3);
		Attributes back = readFile(writeFile(ds, TransferSyntax.JPEG_BASELINE_8BIT));
		assertThat(back.getFragments(Tag.PixelData).size()).isEqualTo(4);
		assertThat(back).isEqualTo(ds);
	}

	@Test
	void stopsBeforePixelDataWithoutReadingIt() throws IOException {
		Attributes ds = TestData.ctImage(512, "Janssens^Els");
		byte[] file = writeFile(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
		try (var in = DicomInputStream.openFile(new ByteArrayInputStream(file))) {
			Attributes header = in.readDatasetUntil(Tag.PixelData);
			assertThat(header.contains(Tag.PixelData)).isFalse();
			assertThat(header.getString(Tag.PatientID)).isEqualTo("PID0001");
			assertThat(in.stoppedAtTag()).isEqualTo(Tag.PixelData);
			assertThat(file.length - in.position() - 132).isGreaterThanOrEqualTo(512 * 512 * 2L);
		}
	}

	@Test
	void readsNestedSequencesWithDefinedAndUndefinedLengths() throws IOException {
		// (0008,1140) SQ defined length holding one defined-length item, then an
		// undefined-length sequence.
		Attributes ds = new Attributes();
		Attributes inner = ds.newSequence(Tag.ReferencedImageSequence).addItem();
		inner.newSequence(Tag.PurposeOfReferenceCodeSequence).addItem().setString(Tag.CodeValue, VR.SH, "121311");
		byte[] undefinedLengths = datasetBytes(ds);
		byte[] defined = HandEncoded.explicitDefinedLengthSequence();
		try (var in = DicomInputStream.forDataset(new ByteArrayInputStream(undefinedLengths),
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())) {
			assertThat(in.readDataset()).isEqualTo(ds);
		}
		try (var in = DicomInputStream.forDataset(new ByteArrayInputStream(defined),
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())) {
			Attributes back = in.readDataset();
			assertThat(back.getSequence(Tag.ReferencedImageSequence).get(0).getString(Tag.ReferencedSOPInstanceUID))
				.isEqualTo("1.2.3");
			assertThat(back.getString(Tag.PatientID)).isEqualTo("ID");
		}
	}

	static byte[] datasetBytes(Attributes ds) throws IOException {
		var bytes = new ByteArrayOutputStream();
		try (var out = new DicomOutputStream(bytes)) {
			out.useTransferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
			out.writeDataset(ds);
		}
		return bytes.toByteArray();
	}

}
