package continuum.imaging.dimse;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.DicomAe;
import continuum.imaging.DicomPeer;
import continuum.imaging.DicomPeers;
import continuum.imaging.pacs.PacsFixtures;
import continuum.lab.LabFixtures;
import continuum.patients.PatientService;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.io.DicomInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.imaging.dimse.DcmtkTools.awaitListening;
import static continuum.imaging.dimse.DcmtkTools.freePort;
import static continuum.imaging.dimse.DcmtkTools.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * dcmtk's {@code dcmsend} (a folder of Part 10 files, as a modality's or a CD import's
 * export is sent) into the PACS, then dcmtk's {@code dcmrecv} as the C-MOVE destination
 * of that study: every object is indexed under its order, and comes back with the same
 * UIDs, patient, accession and pixel data it was sent with.
 */
@ContinuumIntegrationTest
class DcmtkSendReceiveIntegrationTests {

	@Autowired
	DicomAe ae;

	@Autowired
	DicomPeers peers;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFolderSentWithDcmsendIsIndexedAndMovedToDcmrecvUnchanged(@TempDir Path temp) throws Exception {
		var id = patients.idsForDemo(10).get(9);
		String mrn = patients.get(id).mrn();
		var order = PacsFixtures.order(jdbc, id.value());
		String series = PacsFixtures.uid();
		Path export = Files.createDirectories(temp.resolve("export/series1"));
		Map<String, Attributes> sent = new HashMap<>();
		for (int i = 1; i <= 3; i++) {
			Attributes ct = PacsFixtures.ct(mrn, order.accessionNumber(), order.studyInstanceUid(), series,
					PacsFixtures.uid(), 8192);
			ct.setString(Tag.InstanceNumber, org.continuum.dicom.data.VR.IS, String.valueOf(i));
			PacsFixtures.writeFile(export, ct);
			sent.put(ct.getString(Tag.SOPInstanceUID), ct);
		}

		String output = run("dcmsend", "-aet", "DCMSEND", "-aec", ae.aeTitle(), "+sd", "+r", "127.0.0.1",
				String.valueOf(ae.port()), temp.resolve("export").toString());
		assertThat(output).doesNotContainIgnoringCase("error");
		assertThat(jdbc.sql("""
				select count(*) from pacs_instance i join pacs_series s on s.id = i.series_id
				join pacs_study st on st.id = s.study_id
				where st.study_instance_uid = :study and st.status = 'RECONCILED'""")
			.param("study", order.studyInstanceUid())
			.query(Integer.class)
			.single()).isEqualTo(3);

		int port = freePort();
		String destination = "DCMRECV" + (port % 10000);
		LabFixtures.as("IT_OPERATIONS", () -> {
			peers.save(new DicomPeer(destination, "127.0.0.1", port, false, false, false, false, false, false, false,
					true, "dcmtk dcmrecv"));
			return null;
		});
		Path received = Files.createDirectories(temp.resolve("received"));
		// dcmrecv takes only the Verification SOP Class unless a profile says more.
		Path profile = Files.writeString(temp.resolve("dcmrecv.cfg"),
				String.join("\n", "[[TransferSyntaxes]]", "[Uncompressed]", "TransferSyntax1 = LocalEndianExplicit",
						"TransferSyntax2 = LittleEndianImplicit", "[[PresentationContexts]]", "[Images]",
						"PresentationContext1 = VerificationSOPClass\\Uncompressed",
						"PresentationContext2 = CTImageStorage\\Uncompressed", "[[Profiles]]", "[CT]",
						"PresentationContexts = Images", ""));
		var builder = new ProcessBuilder("dcmrecv", "-aet", destination, "-od", received.toString(), "-xf",
				profile.toString(), "CT", String.valueOf(port))
			.redirectErrorStream(true)
			.redirectOutput(temp.resolve("dcmrecv.log").toFile());
		builder.environment().put("TCP_NODELAY", "1");
		Process dcmrecv = builder.start();
		try {
			awaitListening(port);
			String moved = run("movescu", "-S", "-aet", "MOVER", "-aec", ae.aeTitle(), "-aem", destination, "127.0.0.1",
					String.valueOf(ae.port()), "-k", "QueryRetrieveLevel=STUDY", "-k",
					"StudyInstanceUID=" + order.studyInstanceUid());
			assertThat(moved).doesNotContainIgnoringCase("error");
			await().atMost(java.time.Duration.ofSeconds(10)).until(() -> count(received) == 3);
		}
		finally {
			dcmrecv.destroy();
			dcmrecv.waitFor(10, TimeUnit.SECONDS);
		}
		try (Stream<Path> files = Files.list(received)) {
			for (Path file : files.toList()) {
				Attributes back;
				try (var in = Files.newInputStream(file); var dis = DicomInputStream.openFile(in)) {
					back = dis.readDataset();
				}
				Attributes original = sent.get(back.getString(Tag.SOPInstanceUID));
				assertThat(original).as("an object we sent").isNotNull();
				for (int tag : List.of(Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.PatientID, Tag.PatientName,
						Tag.AccessionNumber, Tag.InstanceNumber)) {
					assertThat(back.getString(tag)).isEqualTo(original.getString(tag));
				}
				assertThat(back.getBytes(Tag.PixelData)).isEqualTo(original.getBytes(Tag.PixelData));
			}
		}
	}

	private static long count(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.count();
		}
	}

}
