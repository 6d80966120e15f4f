package org.continuum.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.service.DirectoryStoreHandler;
import org.continuum.dicom.net.service.EchoScp;
import org.continuum.dicom.net.service.FindScp;
import org.continuum.dicom.net.service.GetScp;
import org.continuum.dicom.net.service.MoveScp;
import org.continuum.dicom.net.service.StoreScp;
import org.continuum.dicom.testing.Dcmtk;
import org.continuum.dicom.testing.Part10Files;
import org.continuum.dicom.testing.Ports;
import org.continuum.dicom.testing.TestArchive;
import org.continuum.dicom.testing.TestData;
import org.continuum.dicom.testing.TestScp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our Q/R SCP against dcmtk findscu, movescu (to dcmtk storescp) and getscu, over
 * instances that dcmtk storescu stored through our SCP: what comes back is compared
 * element for element with what was generated.
 */
class DcmtkQueryRetrieveInteropTests {

	@TempDir
	Path dir;

	Path archive;

	final List<Attributes> generated = new ArrayList<>();

	@BeforeEach
	void storeTwoPatientsThroughOurScp() throws Exception {
		archive = dir.resolve("archive");
		Path outgoing = Files.createDirectories(dir.resolve("outgoing"));
		for (int study = 0; study < 2; study++) {
			String studyUid = TestData.newUid();
			for (int series = 0; series < 2; series++) {
				String seriesUid = TestData.newUid();
				for (int i = 1; i <= 2; i++) {
					Attributes ds = TestData.ctImage(32, study == 0 ? "Lefèvre^Anaïs" : "Peeters^Jan", studyUid,
							seriesUid, i);
					ds.setString(Tag.PatientID, VR.LO, "PID" + study);
					ds.setString(Tag.StudyDate, VR.DA, study == 0 ? "20230315" : "20240101");
					generated.add(ds);
					Part10Files.write(outgoing.resolve(generated.size() + ".dcm"), ds,
							TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
				}
			}
		}
		try (var scp = new TestScp(AssociationSettings.defaults("PACS"),
				new StoreScp(new DirectoryStoreHandler(archive, false)))) {
			var result = Dcmtk.run(dir, "storescu", "-aet", "MODALITY", "-aec", "PACS", "+sd", "127.0.0.1",
					Integer.toString(scp.port()), outgoing.toString());
			assertThat(result.exitCode()).as(result.output()).isZero();
		}
	}

	private TestScp startQrScp(Map<String, RemoteAe> peers) throws Exception {
		var settings = AssociationSettings.defaults("PACS").withKnownPeers(peers, true);
		var handler = new TestArchive(archive);
		return new TestScp(settings, new EchoScp(), new FindScp(handler), new MoveScp(handler, settings),
				new GetScp(handler));
	}

	@ParameterizedTest
	@CsvSource({ "-P, PATIENT, PatientName=pee*, 1", "-P, PATIENT, PatientName=, 2",
			"-S, STUDY, StudyDate=20230101-20230630, 1", "-S, STUDY, StudyDate=20230101-, 2",
			"-S, STUDY, PatientName=Lef?vre*, 1", "-S, SERIES, PatientID=PID1, 2", "-S, IMAGE, PatientID=PID0, 4" })
	void dcmtkFindscuQueriesEveryLevel(String model, String level, String key, int expected) throws Exception {
		Path work = Files.createDirectories(dir.resolve("find"));
		try (var scp = startQrScp(Map.of())) {
			var result = Dcmtk.run(work, "findscu", model, "-X", "-aet", "VIEWER", "-aec", "PACS", "-k",
					"QueryRetrieveLevel=" + level, "-k", "SpecificCharacterSet=ISO_IR 100", "-k", key, "-k",
					"StudyInstanceUID", "-k", "SOPInstanceUID", "127.0.0.1", Integer.toString(scp.port()));
			assertThat(result.exitCode()).as(result.output()).isZero();
		}
		try (Stream<Path> responses = Files.list(work)) {
			List<Path> files = responses.filter(p -> p.getFileName().toString().startsWith("rsp")).toList();
			assertThat(files).hasSize(expected);
			for (Path rsp : files) {
				assertThat(Part10Files.read(rsp).getString(Tag.QueryRetrieveLevel)).isEqualTo(level);
			}
		}
	}

	@Test
	void dcmtkFindscuCancelsAfterTheFirstResponse() throws Exception {
		// 5000 matches of ~4 KiB each (20 MiB) cannot all sit in socket buffers: the SCP
		// must see the C-CANCEL.
		int total = 5000;
		var produced = new java.util.concurrent.atomic.AtomicInteger();
		org.continuum.dicom.net.service.FindHandler many = request -> new java.util.Iterator<>() {
			@Override
			public boolean hasNext() {
				return produced.get() < total;
			}

			@Override
			public Attributes next() {
				Attributes match = new Attributes();
				match.setString(Tag.QueryRetrieveLevel, VR.CS, "IMAGE");
				match.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3." + produced.incrementAndGet());
				match.setString(Tag.ImageComments, VR.LT, "x".repeat(4096));
				return match;
			}
		};
		try (var scp = new TestScp(AssociationSettings.defaults("PACS"), new EchoScp(), new FindScp(many))) {
			var result = Dcmtk.run(dir, "findscu", "-S", "--cancel", "1", "-aet", "VIEWER", "-aec", "PACS", "-k",
					"QueryRetrieveLevel=IMAGE", "-k", "SOPInstanceUID", "-k", "ImageComments", "127.0.0.1",
					Integer.toString(scp.port()));
			assertThat(result.exitCode()).as(result.output()).isZero();
			var echo = Dcmtk.run(dir, "echoscu", "-aec", "PACS", "127.0.0.1", Integer.toString(scp.port()));
			assertThat(echo.exitCode()).isZero();
		}
		assertThat(produced.get()).isPositive().isLessThan(total);
	}

	@Test
	void dcmtkGetscuRetrievesExactlyWhatWasStored() throws Exception {
		Path got = Files.createDirectories(dir.resolve("got"));
		String study = generated.get(0).getString(Tag.StudyInstanceUID);
		try (var scp = startQrScp(Map.of())) {
			var result = Dcmtk.run(dir, "getscu", "-S", "-aet", "VIEWER", "-aec", "PACS", "-k",
					"QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study, "-od", got.toString(), "127.0.0.1",
					Integer.toString(scp.port()));
			assertThat(result.exitCode()).as(result.output()).isZero();
		}
		for (Attributes ds : generated.subList(0, 4)) {
			Path file = got.resolve("CT." + ds.getString(Tag.SOPInstanceUID));
			assertThat(Part10Files.read(file)).isEqualTo(ds);
		}
	}

	@Test
	void dcmtkMovescuMovesToDcmtkStorescp() throws Exception {
		int storePort = Ports.free();
		Path moved = Files.createDirectories(dir.resolve("moved"));
		Process storescp = Dcmtk.start(dir, "storescp", "-aet", "DCMTKSCP", "-od", moved.toString(),
				Integer.toString(storePort));
		try (var scp = startQrScp(Map.of("DCMTKSCP", new RemoteAe("DCMTKSCP", "127.0.0.1", storePort)))) {
			Ports.awaitListening(storescp, storePort);
			String study = generated.get(4).getString(Tag.StudyInstanceUID);
			var result = Dcmtk.run(dir, "movescu", "-S", "-aet", "VIEWER", "-aec", "PACS", "-aem", "DCMTKSCP", "-k",
					"QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study, "127.0.0.1",
					Integer.toString(scp.port()));
			assertThat(result.exitCode()).as(result.output()).isZero();
			var unknown = Dcmtk.run(dir, "movescu", "-S", "-aet", "VIEWER", "-aec", "PACS", "-aem", "NOBODY", "-k",
					"QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study, "127.0.0.1",
					Integer.toString(scp.port()));
			assertThat(unknown.output()).contains("MoveDestinationUnknown");
		}
		finally {
			storescp.destroy();
		}
		for (Attributes ds : generated.subList(4, 8)) {
			assertThat(Part10Files.read(moved.resolve("CT." + ds.getString(Tag.SOPInstanceUID)))).isEqualTo(ds);
		}
	}

}
