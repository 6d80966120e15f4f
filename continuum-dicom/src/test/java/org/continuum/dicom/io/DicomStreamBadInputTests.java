package org.continuum.dicom.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.testing.TestData;
import org.junit.jupiter.api.Test;

class DicomStreamBadInputTests {

	private static Attributes read(byte[] bytes) throws IOException {
		try (var in = DicomInputStream.forDataset(new ByteArrayInputStream(bytes),
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())) {
			return in.readDataset();
		}
	}

	@Test
	void rejectsATruncatedDataset() throws IOException {
		byte[] full = DicomStreamRoundTripTests.datasetBytes(TestData.ctImage(32, "A^B"));
		assertThatThrownBy(() -> read(Arrays.copyOf(full, full.length - 100))).isInstanceOf(IOException.class)
			.hasMessageContaining("truncated");
	}

	@Test
	void rejectsALengthOfGigabytesWithoutAllocatingIt() {
		var b = new ByteArrayOutputStream();
		HandEncoded.tag(b, 0x7FE0, 0x0010);
		b.writeBytes(new byte[] { 'O', 'B', 0, 0 });
		HandEncoded.u32(b, 0xFFFFFFF0);
		b.writeBytes(new byte[100]);
		assertThatThrownBy(() -> read(b.toByteArray())).isInstanceOf(IOException.class);
	}

	@Test
	void rejectsSequencesNestedThousandsDeep() {
		var b = new ByteArrayOutputStream();
		for (int i = 0; i < 5000; i++) {
			HandEncoded.tag(b, 0x0008, 0x1140);
			b.writeBytes(new byte[] { 'S', 'Q', 0, 0 });
			HandEncoded.u32(b, -1);
			HandEncoded.tag(b, 0xFFFE, 0xE000);
			HandEncoded.u32(b, -1);
		}
		assertThatThrownBy(() -> read(b.toByteArray())).isInstanceOf(DicomStreamException.class)
			.hasMessageContaining("nested deeper");
	}

	@Test
	void rejectsAnUnknownVr() {
		var b = new ByteArrayOutputStream();
		HandEncoded.tag(b, 0x0010, 0x0010);
		b.writeBytes(new byte[] { 'Z', 'Z', 2, 0, 'A', 'B' });
		assertThatThrownBy(() -> read(b.toByteArray())).isInstanceOf(DicomStreamException.class)
			.hasMessageContaining("unknown VR");
	}

	@Test
	void rejectsUndefinedLengthOnAStringElement() {
		var b = new ByteArrayOutputStream();
		HandEncoded.tag(b, 0x0010, 0x0010);
		b.writeBytes(new byte[] { 'U', 'T', 0, 0 });
		HandEncoded.u32(b, -1);
		assertThatThrownBy(() -> read(b.toByteArray())).isInstanceOf(DicomStreamException.class)
			.hasMessageContaining("undefined length");
	}

	@Test
	void rejectsAFileWithoutDicmPrefix() {
		assertThatThrownBy(() -> DicomInputStream.openFile(new ByteArrayInputStream(new byte[300])))
			.isInstanceOf(DicomStreamException.class)
			.hasMessageContaining("not a DICOM Part 10 file");
	}

}
