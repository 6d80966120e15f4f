package org.continuum.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.testing.Part10Files;
import org.continuum.dicom.testing.TestData;
import org.continuum.dicom.testing.TestScp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InstanceFileWriter#writeIndexed} on instances received over a real association:
 * the file, its SHA-256 and the header attributes from one pass.
 */
class InstanceFileWriterTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "1.2.840.10008.1.2.1", "1.2.840.10008.1.2", "1.2.840.10008.1.2.1.99" })
	void writesTheFileAndLearnsItsDigestAndHeaderInOnePass(String transferSyntax) throws Exception {
		Map<String, WrittenInstance> written = new ConcurrentHashMap<>();
		StoreHandler pacs = request -> {
			Path file = dir.resolve(request.sopInstanceUid() + ".dcm");
			written.put(request.sopInstanceUid(), InstanceFileWriter.writeIndexed(request, file, true));
			return Status.SUCCESS;
		};
		Attributes ct = TestData.ctImage(256, "Lefèvre^Anaïs");
		String uid = ct.getString(Tag.SOPInstanceUID);
		try (var scp = new TestScp(AssociationSettings.defaults("PACS"), new StoreScp(pacs));
				Association as = new AssociationRequest("CT01", "PACS").addContext(Uid.CT_IMAGE_STORAGE, transferSyntax)
					.connect("127.0.0.1", scp.port(), AssociationSettings.defaults("CT01"))) {
			assertThat(StoreScu.store(as, ct)).isZero();
		}
		Path file = dir.resolve(uid + ".dcm");
		WrittenInstance w = written.get(uid);
		byte[] bytes = Files.readAllBytes(file);
		assertThat(w.size()).isEqualTo(bytes.length);
		assertThat(w.sha256Hex())
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
		assertThat(w.sopInstanceUid()).isEqualTo(uid);
		assertThat(w.studyInstanceUid()).isEqualTo(ct.getString(Tag.StudyInstanceUID));
		assertThat(w.seriesInstanceUid()).isEqualTo(ct.getString(Tag.SeriesInstanceUID));
		assertThat(w.attributes().getString(Tag.PatientName)).isEqualTo("Lefèvre^Anaïs");
		assertThat(w.rows()).isEqualTo(256);
		assertThat(w.columns()).isEqualTo(256);
		assertThat(w.numberOfFrames()).isEqualTo(1);
		assertThat(w.attributes().contains(Tag.PixelData)).isFalse();
		assertThat(Part10Files.transferSyntaxOf(file)).isEqualTo(transferSyntax);
		assertThat(Part10Files.read(file)).isEqualTo(ct);
		assertThat(TransferSyntax.encodingOf(transferSyntax)).isNotNull();
	}

}
