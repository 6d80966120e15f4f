package continuum.imaging.dimse;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.DicomAe;
import continuum.imaging.ImagingFixtures;
import continuum.imaging.ImagingOrder;
import continuum.imaging.ImagingOrderService;
import continuum.imaging.ProcedureStepService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.DateRange;
import org.continuum.dicom.data.Sequence;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.service.FindScu;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Modality Worklist SCP on the server's AE, asked by dcmtk {@code findscu -W} and by
 * the library's FindScu: matching on station AE, modality, start date and time range,
 * patient name (wildcards, any case, no accents), Patient ID, Accession Number and
 * Requested Procedure ID; the return keys IHE SWF.b requires; only scheduled steps; a key
 * that is no date answered A900. Each test orders for a patient of its own, named
 * uniquely, on a day three days ahead.
 */
@ContinuumIntegrationTest
class ModalityWorklistIntegrationTests {

	private static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	@Autowired
	DicomAe ae;

	@Autowired
	ImagingFixtures fixtures;

	@Autowired
	ImagingOrderService orders;

	@Autowired
	ProcedureStepService steps;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	String family;

	PatientId patient;

	String mrn;

	LocalDate day;

	List<ImagingOrder> placed;

	@BeforeEach
	void threeOrdersOnOneDay() {
		family = "Wlmwl" + letters(6);
		patient = fixtures.patient(family, "Amélie");
		mrn = as("PHYSICIAN", () -> patients.summary(patient)).mrn();
		day = LocalDate.now(ZONE).plusDays(3);
		placed = new ArrayList<>();
		for (LocalTime time : List.of(LocalTime.of(9, 0), LocalTime.of(9, 30), LocalTime.of(14, 0))) {
			placed.add(fixtures.order(patient, "36643-5", day.atTime(time).atZone(ZONE).toInstant()));
		}
	}

	@Test
	void dcmtkFindscuGetsTheDaysItemsWithTheRequiredAttributes() throws Exception {
		Path out = Files.createDirectories(dir.resolve("rsp"));
		Process findscu = new ProcessBuilder("findscu", "-W", "-X", "-od", out.toString(), "-aet", "DX1", "-aec",
				ae.aeTitle(), "-k", "PatientName=" + family.toUpperCase() + "*", "-k", "PatientID", "-k",
				"IssuerOfPatientID", "-k", "PatientBirthDate", "-k", "PatientSex", "-k", "AccessionNumber", "-k",
				"RequestedProcedureID", "-k", "RequestedProcedureDescription", "-k", "RequestedProcedureCodeSequence",
				"-k", "StudyInstanceUID", "-k", "ReferencedStudySequence", "-k", "RequestingPhysician", "-k",
				"AdmissionID", "-k", "ScheduledProcedureStepSequence[0].Modality=DX", "-k",
				"ScheduledProcedureStepSequence[0].ScheduledStationAETitle=DX1", "-k",
				"ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=" + DateRange.format(day), "-k",
				"ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartTime", "-k",
				"ScheduledProcedureStepSequence[0].ScheduledProcedureStepID", "-k",
				"ScheduledProcedureStepSequence[0].ScheduledProcedureStepDescription", "-k",
				"ScheduledProcedureStepSequence[0].ScheduledProtocolCodeSequence", "-k",
				"ScheduledProcedureStepSequence[0].ScheduledPerformingPhysicianName", "127.0.0.1",
				Integer.toString(ae.port()))
			.redirectErrorStream(true)
			.start();
		findscu.getOutputStream().close();
		String log = new String(findscu.getInputStream().readAllBytes());
		assertThat(findscu.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(findscu.exitValue()).as(log).isZero();
		List<Attributes> items = new ArrayList<>();
		try (Stream<Path> files = Files.list(out)) {
			for (Path file : files.sorted().toList()) {
				try (InputStream in = Files.newInputStream(file); var dis = DicomInputStream.openFile(in)) {
					items.add(dis.readDataset());
				}
			}
		}
		assertThat(items).hasSize(3);
		ImagingOrder first = placed.get(0);
		Attributes item = items.stream()
			.filter(i -> first.procedures().get(0).accessionNumber().equals(i.getString(Tag.AccessionNumber)))
			.findFirst()
			.orElseThrow();
		assertThat(item.getString(Tag.PatientName)).isEqualTo(family + "^Amélie");
		assertThat(item.getString(Tag.PatientID)).isEqualTo(mrn);
		assertThat(item.getString(Tag.IssuerOfPatientID)).isEqualTo("CONTINUUM");
		assertThat(item.getString(Tag.PatientBirthDate)).isEqualTo("19610309");
		assertThat(item.getString(Tag.PatientSex)).isEqualTo("F");
		assertThat(item.getString(Tag.RequestedProcedureID))
			.isEqualTo(first.procedures().get(0).requestedProcedureId());
		assertThat(item.getString(Tag.RequestedProcedureDescription)).isEqualTo("XR Chest 2 Views");
		assertThat(item.getSequence(Tag.RequestedProcedureCodeSequence).get(0).getString(Tag.CodeValue))
			.isEqualTo("36643-5");
		assertThat(item.getSequence(Tag.RequestedProcedureCodeSequence).get(0).getString(Tag.CodingSchemeDesignator))
			.isEqualTo("LN");
		String uid = first.procedures().get(0).studyInstanceUid();
		assertThat(item.getString(Tag.StudyInstanceUID)).isEqualTo(uid);
		assertThat(item.getSequence(Tag.ReferencedStudySequence).get(0).getString(Tag.ReferencedSOPInstanceUID))
			.isEqualTo(uid);
		assertThat(item.getString(Tag.RequestingPhysician)).isEqualTo("physician");
		assertThat(item.contains(Tag.AdmissionID)).isTrue();
		Attributes sps = item.getSequence(Tag.ScheduledProcedureStepSequence).get(0);
		assertThat(sps.getString(Tag.Modality)).isEqualTo("DX");
		assertThat(sps.getString(Tag.ScheduledStationAETitle)).isEqualTo("DX1");
		assertThat(sps.getString(Tag.ScheduledProcedureStepStartDate)).isEqualTo(DateRange.format(day));
		assertThat(sps.getString(Tag.ScheduledProcedureStepStartTime)).isEqualTo("090000");
		assertThat(sps.getString(Tag.ScheduledProcedureStepID)).isEqualTo(first.procedures().get(0).step().stepId());
		assertThat(sps.getSequence(Tag.ScheduledProtocolCodeSequence).get(0).getString(Tag.CodeMeaning))
			.isEqualTo("XR Chest 2 Views");
		assertThat(sps.contains(Tag.ScheduledPerformingPhysicianName)).isTrue();
		assertThat(sps.contains(Tag.ScheduledProcedureStepStatus)).as("only the keys asked for").isFalse();
	}

	@Test
	void matchesEachKeyTheRisHolds() throws Exception {
		String accession = placed.get(1).procedures().get(0).accessionNumber();
		String rpId = placed.get(2).procedures().get(0).requestedProcedureId();
		try (Association as = connect()) {
			assertThat(find(as, keys(k -> k.setString(Tag.PatientName, VR.PN, family.toLowerCase() + "^amelie"))))
				.hasSize(3);
			assertThat(find(as, keys(k -> k.setString(Tag.PatientName, VR.PN,
					family.substring(0, 4) + "?" + family.substring(5) + "^A*"))))
				.hasSize(3);
			assertThat(find(as, keys(k -> k.setString(Tag.PatientName, VR.PN, family + "^Bert")))).isEmpty();
			assertThat(find(as, keys(k -> k.setString(Tag.PatientID, VR.LO, mrn)))).hasSize(3);
			assertThat(find(as, keys(k -> k.setString(Tag.AccessionNumber, VR.SH, accession)))).singleElement()
				.satisfies(i -> assertThat(i.getString(Tag.PatientID)).isEqualTo(mrn));
			assertThat(find(as, keys(k -> {
				k.setString(Tag.PatientID, VR.LO, mrn);
				k.setString(Tag.RequestedProcedureID, VR.SH, rpId);
			}))).hasSize(1);
			assertThat(find(as, spsKeys(mrn, sps -> {
				sps.setString(Tag.ScheduledProcedureStepStartDate, VR.DA, DateRange.format(day));
				sps.setString(Tag.ScheduledProcedureStepStartTime, VR.TM, "0830-1000");
			}))).hasSize(2);
			assertThat(find(as, spsKeys(mrn, sps -> sps.setString(Tag.ScheduledProcedureStepStartDate, VR.DA,
					DateRange.format(day.plusDays(1)) + "-"))))
				.isEmpty();
			assertThat(find(as, spsKeys(mrn, sps -> sps.setString(Tag.Modality, VR.CS, "CT")))).isEmpty();
			assertThat(find(as, spsKeys(mrn, sps -> sps.setString(Tag.ScheduledStationAETitle, VR.AE, "DX*"))))
				.hasSize(3);
			assertThat(find(as, spsKeys(mrn, sps -> sps.setString(Tag.ScheduledStationAETitle, VR.AE, "CT1"))))
				.isEmpty();
		}
	}

	@Test
	void listsOnlyScheduledSteps() throws Exception {
		as("PHYSICIAN", () -> orders.cancel(placed.get(0).id(), "duplicate", null));
		as("RADIOGRAPHER", () -> {
			steps.start(placed.get(1).procedures().get(0).step().id(), null);
			return null;
		});
		try (Association as = connect()) {
			List<Attributes> found = find(as, keys(k -> k.setString(Tag.PatientID, VR.LO, mrn)));
			assertThat(found).singleElement()
				.satisfies(i -> assertThat(i.getString(Tag.AccessionNumber))
					.isEqualTo(placed.get(2).procedures().get(0).accessionNumber()));
		}
	}

	@Test
	void aKeyThatIsNoDateIsRefusedWithA900() throws Exception {
		try (Association as = connect()) {
			int status = FindScu.find(as, Uid.MODALITY_WORKLIST_FIND,
					spsKeys(mrn, sps -> sps.setString(Tag.ScheduledProcedureStepStartDate, VR.DA, "2026-13-45")),
					m -> true);
			assertThat(status).isEqualTo(0xA900);
			// The association still serves the next query.
			assertThat(find(as, keys(k -> k.setString(Tag.PatientID, VR.LO, mrn)))).hasSize(3);
		}
		assertThat(jdbc
			.sql("select count(*) from audit_log where action = 'SEARCH' and resource_type = 'ServiceRequest' "
					+ "and patient_id = ? and detail like 'worklist for DICOM AE%'")
			.param(patient.asString())
			.query(Integer.class)
			.single()).isPositive();
	}

	@Test
	void theDemoHospitalHasItemsOnTodaysWorklist() throws Exception {
		try (Association as = connect()) {
			List<Attributes> items = find(as, keys(k -> {
				Attributes sps = k.getSequence(Tag.ScheduledProcedureStepSequence).get(0);
				sps.setString(Tag.ScheduledStationAETitle, VR.AE, "DX1");
				// From yesterday: the context may have been seeded before midnight.
				LocalDate today = LocalDate.now(ZONE);
				sps.setString(Tag.ScheduledProcedureStepStartDate, VR.DA,
						DateRange.format(today.minusDays(1)) + "-" + DateRange.format(today));
			}));
			assertThat(items).isNotEmpty();
		}
	}

	private Association connect() throws Exception {
		return new AssociationRequest("TESTMOD", ae.aeTitle())
			.addContext(Uid.MODALITY_WORKLIST_FIND, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
					TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid())
			.connect("127.0.0.1", ae.port(), AssociationSettings.defaults("TESTMOD"));
	}

	private static List<Attributes> find(Association as, Attributes keys) throws Exception {
		return FindScu.findAll(as, Uid.MODALITY_WORKLIST_FIND, keys);
	}

	/** Return keys of every item, plus what the test sets. */
	private static Attributes keys(java.util.function.Consumer<Attributes> set) {
		Attributes keys = new Attributes();
		keys.setString(Tag.PatientName, VR.PN, "");
		keys.setString(Tag.PatientID, VR.LO, "");
		keys.setString(Tag.AccessionNumber, VR.SH, "");
		keys.setString(Tag.RequestedProcedureID, VR.SH, "");
		keys.newSequence(Tag.ScheduledProcedureStepSequence).addItem().setString(Tag.Modality, VR.CS, "");
		set.accept(keys);
		return keys;
	}

	private static Attributes spsKeys(String mrn, java.util.function.Consumer<Attributes> set) {
		Attributes keys = keys(k -> k.setString(Tag.PatientID, VR.LO, mrn));
		Sequence sps = keys.getSequence(Tag.ScheduledProcedureStepSequence);
		set.accept(sps.get(0));
		return keys;
	}

	private static String letters(int n) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < n; i++) {
			text.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return text.toString();
	}

}
