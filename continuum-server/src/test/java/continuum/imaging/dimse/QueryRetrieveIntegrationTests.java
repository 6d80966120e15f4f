package continuum.imaging.dimse;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.service.FindScu;
import org.continuum.dicom.net.service.RetrieveScu;
import org.continuum.dicom.net.service.StoreScu;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.imaging.dimse.DcmtkTools.awaitListening;
import static continuum.imaging.dimse.DcmtkTools.freePort;
import static continuum.imaging.dimse.DcmtkTools.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * C-FIND, C-MOVE and C-GET on the PACS index, Patient Root and Study Root, from the
 * library's SCU and from dcmtk's {@code findscu}, {@code movescu} (to dcmtk's
 * {@code storescp}) and {@code getscu}: wildcards and case-insensitive names, date
 * ranges, lists of UIDs, only the keys asked for, quarantined studies never served, a
 * peer's permissions, and one audit entry per patient per operation.
 */
@ContinuumIntegrationTest
class QueryRetrieveIntegrationTests {

	@Autowired
	DicomAe ae;

	@Autowired
	DicomPeers peers;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	String mrn;

	long patientId;

	String study;

	String quarantinedStudy;

	List<String> series = new ArrayList<>();

	@BeforeEach
	void studyOfTwoSeries() throws IOException {
		var id = patients.idsForDemo(8).get(7);
		patientId = id.value();
		mrn = patients.get(id).mrn();
		var order = PacsFixtures.order(jdbc, patientId);
		study = order.studyInstanceUid();
		quarantinedStudy = PacsFixtures.uid();
		try (Association as = connect("TESTSCU", Uid.CT_IMAGE_STORAGE)) {
			for (int s = 0; s < 2; s++) {
				String seriesUid = PacsFixtures.uid();
				series.add(seriesUid);
				for (int i = 0; i < 2; i++) {
					Attributes ct = PacsFixtures.ct(mrn, order.accessionNumber(), study, seriesUid, PacsFixtures.uid(),
							2048);
					ct.setString(Tag.SeriesNumber, VR.IS, String.valueOf(s + 1));
					ct.setString(Tag.InstanceNumber, VR.IS, String.valueOf(i + 1));
					assertThat(StoreScu.store(as, ct)).isZero();
				}
			}
			assertThat(StoreScu.store(as,
					PacsFixtures.ct(mrn, "UNKNOWNACC", quarantinedStudy, PacsFixtures.uid(), PacsFixtures.uid(), 1024)))
				.isZero();
		}
	}

	@Test
	void findsStudiesByNameIgnoringCaseAndAccentsWithOnlyTheKeysAsked() throws Exception {
		Attributes keys = new Attributes();
		keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
		keys.setString(Tag.PatientName, VR.PN, "test^hel*");
		keys.setString(Tag.PatientID, VR.LO, mrn);
		keys.setString(Tag.StudyDate, VR.DA, "20261201-20261231");
		keys.setString(Tag.ModalitiesInStudy, VR.CS, "CT");
		keys.setString(Tag.NumberOfStudyRelatedInstances, VR.IS, "");
		keys.setString(Tag.AccessionNumber, VR.SH, "");
		List<Attributes> answers;
		try (Association as = connect("TESTSCU", Uid.STUDY_ROOT_QR_FIND)) {
			answers = FindScu.findAll(as, Uid.STUDY_ROOT_QR_FIND, keys);
		}
		assertThat(answers).extracting(a -> a.getString(Tag.StudyInstanceUID))
			.contains(study)
			.doesNotContain(quarantinedStudy);
		Attributes answer = answers.stream()
			.filter(a -> study.equals(a.getString(Tag.StudyInstanceUID)))
			.findFirst()
			.orElseThrow();
		assertThat(answer.getString(Tag.PatientName)).isEqualTo("Test^Hélène");
		assertThat(answer.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
		assertThat(answer.getString(Tag.NumberOfStudyRelatedInstances)).isEqualTo("4");
		assertThat(answer.getString(Tag.ModalitiesInStudy)).isEqualTo("CT");
		assertThat(answer.contains(Tag.StudyDescription)).as("not asked for").isFalse();
		assertThat(answer.getString(Tag.QueryRetrieveLevel)).isEqualTo("STUDY");

		keys.setString(Tag.StudyDate, VR.DA, "-20261204");
		try (Association as = connect("TESTSCU", Uid.STUDY_ROOT_QR_FIND)) {
			assertThat(FindScu.findAll(as, Uid.STUDY_ROOT_QR_FIND, keys))
				.extracting(a -> a.getString(Tag.StudyInstanceUID))
				.doesNotContain(study);
			Attributes patientLevel = new Attributes();
			patientLevel.setString(Tag.QueryRetrieveLevel, VR.CS, "PATIENT");
			patientLevel.setString(Tag.PatientID, VR.LO, mrn);
			assertThat(FindScu.find(as, Uid.STUDY_ROOT_QR_FIND, patientLevel, a -> true))
				.as("Study Root has no PATIENT level")
				.isEqualTo(0xA900);
		}
		assertThat(jdbc.sql("""
				select count(*) from audit_log where action = 'SEARCH' and resource_type = 'ImagingStudy'
				and patient_id = :patient and detail like 'C-FIND at STUDY level from DICOM AE TESTSCU%'""")
			.param("patient", String.valueOf(patientId))
			.query(Integer.class)
			.single()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void findsSeriesAndImagesByListsOfUids() throws Exception {
		Attributes keys = new Attributes();
		keys.setString(Tag.QueryRetrieveLevel, VR.CS, "IMAGE");
		keys.setString(Tag.StudyInstanceUID, VR.UI, study);
		keys.setString(Tag.SeriesInstanceUID, VR.UI, series.get(0), series.get(1));
		keys.setString(Tag.InstanceNumber, VR.IS, "2");
		keys.setString(Tag.SOPClassUID, VR.UI, "");
		try (Association as = connect("TESTSCU", Uid.PATIENT_ROOT_QR_FIND)) {
			List<Attributes> images = FindScu.findAll(as, Uid.PATIENT_ROOT_QR_FIND, keys);
			assertThat(images).hasSize(2);
			assertThat(images).allSatisfy(a -> {
				assertThat(a.getString(Tag.SOPInstanceUID)).isNotBlank();
				assertThat(a.getString(Tag.SOPClassUID)).isEqualTo(Uid.CT_IMAGE_STORAGE);
				assertThat(a.getString(Tag.InstanceNumber)).isEqualTo("2");
			});
			Attributes bad = new Attributes();
			bad.setString(Tag.QueryRetrieveLevel, VR.CS, "FRAME");
			assertThat(FindScu.find(as, Uid.PATIENT_ROOT_QR_FIND, bad, a -> true)).isEqualTo(0xA900);
		}
	}

	@Test
	void answersDcmtkFindscuInBothModels() throws Exception {
		String series = run("findscu", "-v", "-S", "-aet", "DCMTK", "-aec", ae.aeTitle(), "127.0.0.1",
				String.valueOf(ae.port()), "-k", "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + study, "-k",
				"SeriesInstanceUID", "-k", "Modality", "-k", "NumberOfSeriesRelatedInstances");
		assertThat(series).contains(this.series.get(0), this.series.get(1));
		assertThat(series.split("Find Response: ", -1)).hasSize(3); // two pending
																	// responses
		String patient = run("findscu", "-v", "-P", "-aet", "DCMTK", "-aec", ae.aeTitle(), "127.0.0.1",
				String.valueOf(ae.port()), "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID=" + mrn, "-k",
				"PatientName", "-k", "NumberOfPatientRelatedStudies");
		assertThat(patient).contains(mrn).contains("Test^H");
	}

	@Test
	void movesAStudyToDcmtkStorescpAndRefusesUnknownDestinations(@TempDir Path received) throws Exception {
		int port = freePort();
		String destination = "DEST" + (port % 10000);
		LabFixtures.as("IT_OPERATIONS", () -> {
			peers.save(new DicomPeer(destination, "127.0.0.1", port, false, false, false, false, false, false, false,
					true, "dcmtk storescp"));
			return null;
		});
		var builder = new ProcessBuilder("storescp", "-aet", destination, "-od", received.toString(),
				String.valueOf(port))
			.redirectErrorStream(true)
			.redirectOutput(received.resolveSibling(received.getFileName() + ".log").toFile());
		builder.environment().put("TCP_NODELAY", "1");
		Process storescp = builder.start();
		try {
			awaitListening(port);
			String output = run("movescu", "-S", "-aet", "MOVER", "-aec", ae.aeTitle(), "-aem", destination,
					"127.0.0.1", String.valueOf(ae.port()), "-k", "QueryRetrieveLevel=STUDY", "-k",
					"StudyInstanceUID=" + study);
			assertThat(output).doesNotContainIgnoringCase("error");
			try (Stream<Path> files = Files.list(received)) {
				List<Path> got = files.toList();
				assertThat(got).hasSize(4);
				for (Path file : got) {
					try (var in = Files.newInputStream(file); var dis = DicomInputStream.openFile(in)) {
						assertThat(dis.readDataset().getString(Tag.StudyInstanceUID)).isEqualTo(study);
					}
				}
			}
		}
		finally {
			storescp.destroy();
			storescp.waitFor(10, TimeUnit.SECONDS);
		}
		Attributes keys = new Attributes();
		keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
		keys.setString(Tag.StudyInstanceUID, VR.UI, study);
		try (Association as = connect("TESTSCU", Uid.STUDY_ROOT_QR_MOVE)) {
			assertThat(RetrieveScu.move(as, Uid.STUDY_ROOT_QR_MOVE, keys, "NOWHERE").status()).isEqualTo(0xA801);
		}
		assertThat(jdbc.sql("""
				select count(*) from audit_log where action = 'EXPORT' and patient_id = :patient
				and detail like 'C-MOVE to %'""")
			.param("patient", String.valueOf(patientId))
			.query(Integer.class)
			.single()).isOne();
	}

	@Test
	void getsASeriesWithDcmtkGetscu(@TempDir Path received) throws Exception {
		String output = run("getscu", "-S", "-aet", "GETTER", "-aec", ae.aeTitle(), "-od", received.toString(),
				"127.0.0.1", String.valueOf(ae.port()), "-k", "QueryRetrieveLevel=SERIES", "-k",
				"StudyInstanceUID=" + study, "-k", "SeriesInstanceUID=" + series.get(1));
		try (Stream<Path> files = Files.list(received)) {
			assertThat(files).as(output).hasSize(2);
		}
	}

	@Test
	void refusesAnOperationThePeerMayNotDo() throws Exception {
		String title = "NOFIND" + (System.nanoTime() % 1000);
		LabFixtures.as("IT_OPERATIONS", () -> {
			peers.save(new DicomPeer(title, "127.0.0.1", 104, false, true, false, false, false, false, false, false,
					null));
			return null;
		});
		Attributes keys = new Attributes();
		keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
		keys.setString(Tag.StudyInstanceUID, VR.UI, study);
		try (Association as = connect(title, Uid.STUDY_ROOT_QR_FIND)) {
			assertThat(FindScu.find(as, Uid.STUDY_ROOT_QR_FIND, keys, a -> true)).isEqualTo(0x0124);
		}
	}

	private Association connect(String callingAe, String sopClass) throws IOException {
		var rq = new AssociationRequest(callingAe, ae.aeTitle()).addContext(sopClass,
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
		return rq.connect("127.0.0.1", ae.port(), AssociationSettings.defaults(callingAe));
	}

}
