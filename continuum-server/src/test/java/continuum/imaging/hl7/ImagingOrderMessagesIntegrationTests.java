package continuum.imaging.hl7;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import ca.uhn.hl7v2.model.v251.group.ORI_O24_ORDER;
import ca.uhn.hl7v2.model.v251.group.ORR_O02_ORDER;
import ca.uhn.hl7v2.model.v251.message.ORI_O24;
import ca.uhn.hl7v2.model.v251.message.ORR_O02;
import ca.uhn.hl7v2.model.v251.segment.IPC;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.util.Terser;
import continuum.ContinuumIntegrationTest;
import continuum.hl7.MllpClient;
import continuum.hl7.MllpListener;
import continuum.imaging.DicomAe;
import continuum.imaging.ImagingFixtures;
import continuum.imaging.ImagingOrder;
import continuum.imaging.ImagingOrderService;
import continuum.imaging.ImagingOrderStatus;
import continuum.imaging.ProcedureStep;
import continuum.imaging.StepStatus;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.scheduling.AppointmentId;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentStatus;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.BookingOption;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.ElementDictionary;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.UidGenerator;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.service.FindScu;
import org.continuum.dicom.net.service.MppsScu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OMI^O23 and ORM^O01 from an external placer over a real MLLP connection to the shared
 * listener, each reply read with HAPI's v2.5.1 model: a new order is answered ORI^O24
 * (IPC) or ORR^O02 (OBR-18/19/20, ZDS) with the identifiers the modality worklist (dcmtk
 * {@code findscu -W}) then shows; XO moves a step not yet begun (and its booking), and is
 * refused UX once MPPS has started it; CA cancels; enhanced acknowledgement mode sends
 * the accept ACK, then the ORI as MSH-16 asks; every refused message (unknown patient,
 * unknown procedure, a number used twice, an unknown order to cancel) is answered AE with
 * ERR in the reply type of its message and kept, quarantined, with nothing created.
 */
@ContinuumIntegrationTest
class ImagingOrderMessagesIntegrationTests {

	private static final AtomicInteger CONTROL = new AtomicInteger();

	private static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

	@Autowired
	MllpListener listener;

	@Autowired
	DicomAe ae;

	@Autowired
	ImagingFixtures fixtures;

	@Autowired
	ImagingOrderService orders;

	@Autowired
	AppointmentService appointments;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	@Test
	void omiNewOrderIsAnsweredOriWithTheIdentifiersTheWorklistShows() throws Exception {
		PatientId patient = fixtures.patient("Hermans", "Sofie");
		Instant start = fixtures.freeTimes(AppointmentType.CT, 1).get(0).start();
		String number = number();
		String message = omi(mrn(patient), "NW", number, "24725-4^CT Head^LN", dtm(start), "S");

		ORI_O24 ori = Hl7Replies.parse(send(message), ORI_O24.class);

		assertThat(ori.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
		assertThat(ori.getMSA().getMessageControlID().getValue()).isEqualTo(field(message, "MSH", 10));
		assertThat(ori.getMSH().getReceivingApplication().getNamespaceID().getValue()).isEqualTo("RIS-PLACER");
		ImagingOrder order = as("PHYSICIAN", () -> orders.findByPlacer("RIS-PLACER", number)).orElseThrow();
		assertThat(order.patient()).isEqualTo(patient);
		assertThat(order.priority().hl7Code()).isEqualTo("S");
		assertThat(order.reason()).isEqualTo("Headache");
		assertThat(order.orderedBy()).isEqualTo("1234 House Greg");
		assertThat(order.procedures().get(0).step().start()).isEqualTo(start);
		assertThat(order.procedures().get(0).step().appointmentId()).isNotNull();
		assertThat(ori.getRESPONSE().getPATIENT().getPID().getPatientIdentifierList(0).getIDNumber().getValue())
			.isEqualTo(mrn(patient));
		ORI_O24_ORDER answer = ori.getRESPONSE().getORDER();
		assertThat(answer.getORC().getOrderControl().getValue()).isEqualTo("OK");
		assertThat(answer.getORC().getPlacerOrderNumber().getEntityIdentifier().getValue()).isEqualTo(number);
		assertThat(answer.getORC().getFillerOrderNumber().getEntityIdentifier().getValue())
			.isEqualTo(order.id().asString());
		assertThat(answer.getORC().getOrderStatus().getValue()).isEqualTo("SC");
		assertThat(answer.getTIMING().getTQ1().getStartDateTime().getTime().getValue()).startsWith(dtm(start));
		assertThat(answer.getTIMING().getTQ1().getPriority(0).getIdentifier().getValue()).isEqualTo("S");
		assertThat(answer.getOBR().getUniversalServiceIdentifier().getIdentifier().getValue()).isEqualTo("24725-4");
		assertThat(answer.getOBR().getFillerOrderNumber().getEntityIdentifier().getValue())
			.isEqualTo(order.id().asString());
		assertThat(answer.getIPCReps()).isEqualTo(1);
		IPC ipc = answer.getIPC();
		Attributes item = worklistItem(ipc.getAccessionIdentifier().getEntityIdentifier().getValue(), "CT");
		Attributes sps = item.getSequence(Tag.ScheduledProcedureStepSequence).get(0);
		assertThat(ipc.getAccessionIdentifier().getEntityIdentifier().getValue())
			.isEqualTo(item.getString(Tag.AccessionNumber))
			.isEqualTo(order.procedures().get(0).accessionNumber());
		assertThat(ipc.getRequestedProcedureID().getEntityIdentifier().getValue())
			.isEqualTo(item.getString(Tag.RequestedProcedureID));
		assertThat(ipc.getStudyInstanceUID().getEntityIdentifier().getValue())
			.isEqualTo(item.getString(Tag.StudyInstanceUID));
		assertThat(ipc.getScheduledProcedureStepID().getEntityIdentifier().getValue())
			.isEqualTo(sps.getString(Tag.ScheduledProcedureStepID));
		assertThat(ipc.getModality().getIdentifier().getValue()).isEqualTo(sps.getString(Tag.Modality)).isEqualTo("CT");
		assertThat(ipc.getScheduledAETitle().getValue()).isEqualTo(sps.getString(Tag.ScheduledStationAETitle));
	}

	@Test
	void ormNewOrderIsAnsweredOrrWithTheIdentifiersTheWorklistShowsThenCancelled() throws Exception {
		PatientId patient = fixtures.patient("Mertens", "Joke");
		String number = number();

		ORR_O02 placed = Hl7Replies.parse(send(orm(mrn(patient), "NW", number, "36643-5^XR Chest 2 Views^LN")),
				ORR_O02.class);

		assertThat(placed.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
		ORR_O02_ORDER answer = placed.getRESPONSE().getORDER();
		assertThat(answer.getORC().getOrderControl().getValue()).isEqualTo("OK");
		assertThat(answer.getORC().getPlacerOrderNumber().getEntityIdentifier().getValue()).isEqualTo(number);
		OBR obr = answer.getOBR();
		String accession = obr.getPlacerField1().getValue();
		Attributes item = worklistItem(accession, "DX");
		Attributes sps = item.getSequence(Tag.ScheduledProcedureStepSequence).get(0);
		assertThat(accession).isEqualTo(item.getString(Tag.AccessionNumber));
		assertThat(obr.getPlacerField2().getValue()).isEqualTo(item.getString(Tag.RequestedProcedureID));
		assertThat(obr.getFillerField1().getValue()).isEqualTo(sps.getString(Tag.ScheduledProcedureStepID));
		assertThat(obr.getDiagnosticServSectID().getValue()).isEqualTo(sps.getString(Tag.Modality)).isEqualTo("DX");
		assertThat(Terser.get((ca.uhn.hl7v2.model.Segment) answer.get("ZDS"), 1, 0, 1, 1))
			.isEqualTo(item.getString(Tag.StudyInstanceUID));
		assertThat(Terser.get((ca.uhn.hl7v2.model.Segment) answer.get("ZDS"), 1, 0, 4, 1)).isEqualTo("DICOM");
		ImagingOrder order = as("PHYSICIAN", () -> orders.findByPlacer("RIS-PLACER", number)).orElseThrow();
		assertThat(answer.getORC().getFillerOrderNumber().getEntityIdentifier().getValue())
			.isEqualTo(order.id().asString());

		ORR_O02 cancelled = Hl7Replies.parse(send(orm(mrn(patient), "CA", number, "36643-5^XR Chest 2 Views^LN")),
				ORR_O02.class);

		assertThat(cancelled.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
		assertThat(cancelled.getRESPONSE().getORDER().getORC().getOrderControl().getValue()).isEqualTo("CR");
		assertThat(cancelled.getRESPONSE().getORDER().getORC().getOrderStatus().getValue()).isEqualTo("CA");
		order = as("PHYSICIAN", () -> orders.findByPlacer("RIS-PLACER", number)).orElseThrow();
		assertThat(order.status()).isEqualTo(ImagingOrderStatus.REVOKED);
		assertThat(order.cancelReason()).startsWith("Cancelled by RIS-PLACER");
		assertThat(order.procedures().get(0).step().status()).isEqualTo(StepStatus.DISCONTINUED);
	}

	@Test
	void xoMovesTheBookedStepItsAppointmentAndTheWorklistTime() throws Exception {
		PatientId patient = fixtures.patient("Claes", "Mira");
		List<BookingOption> free = fixtures.freeTimes(AppointmentType.CT, 200);
		Instant first = free.get(0).start();
		Instant later = free.stream()
			.map(BookingOption::start)
			.filter(t -> t.isAfter(first.plus(Duration.ofHours(20))))
			.findFirst()
			.orElseThrow();
		String number = number();
		assertThat(field(send(omi(mrn(patient), "NW", number, "24725-4^CT Head^LN", dtm(first), "R")), "MSA", 1))
			.isEqualTo("AA");
		ProcedureStep before = as("PHYSICIAN", () -> orders.findByPlacer("RIS-PLACER", number)).orElseThrow()
			.procedures()
			.get(0)
			.step();

		ORI_O24 changed = Hl7Replies.parse(send(omi(mrn(patient), "XO", number, "", dtm(later), "A")), ORI_O24.class);

		assertThat(changed.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
		ORI_O24_ORDER answer = changed.getRESPONSE().getORDER();
		assertThat(answer.getORC().getOrderControl().getValue()).isEqualTo("XR");
		assertThat(answer.getTIMING().getTQ1().getStartDateTime().getTime().getValue()).startsWith(dtm(later));
		assertThat(answer.getTIMING().getTQ1().getPriority(0).getIdentifier().getValue()).isEqualTo("A");
		ImagingOrder order = as("PHYSICIAN", () -> orders.findByPlacer("RIS-PLACER", number)).orElseThrow();
		ProcedureStep after = order.procedures().get(0).step();
		assertThat(order.priority().hl7Code()).isEqualTo("A");
		assertThat(order.reason()).isEqualTo("Headache");
		assertThat(after.start()).isEqualTo(later);
		assertThat(after.appointmentId()).isNotNull().isNotEqualTo(before.appointmentId());
		assertThat(as("SCHEDULER", () -> appointments.get(new AppointmentId(before.appointmentId()))).status())
			.isEqualTo(AppointmentStatus.CANCELLED);
		assertThat(as("SCHEDULER", () -> appointments.get(new AppointmentId(after.appointmentId()))).start())
			.isEqualTo(later);
		String accession = answer.getIPC().getAccessionIdentifier().getEntityIdentifier().getValue();
		Attributes sps = worklistItem(accession, "CT").getSequence(Tag.ScheduledProcedureStepSequence).get(0);
		LocalDateTime local = LocalDateTime.ofInstant(later, ZONE);
		assertThat(sps.getString(Tag.ScheduledProcedureStepStartDate))
			.isEqualTo(DateTimeFormatter.BASIC_ISO_DATE.format(local));
		assertThat(sps.getString(Tag.ScheduledProcedureStepStartTime))
			.isEqualTo(DateTimeFormatter.ofPattern("HHmmss").format(local));
	}

	@Test
	void xoOnceMppsStartedTheStepIsRefusedUnableToChange() throws Exception {
		PatientId patient = fixtures.patient("Wouters", "Nele");
		Instant start = LocalDateTime.now(ZONE)
			.plusDays(2)
			.withHour(11)
			.withMinute(0)
			.withSecond(0)
			.withNano(0)
			.atZone(ZONE)
			.toInstant();
		String number = number();
		assertThat(field(send(omi(mrn(patient), "NW", number, "XR-KNEE^XR Knee^99CONT", dtm(start), "R")), "MSA", 1))
			.isEqualTo("AA");
		String accession = as("PHYSICIAN", () -> orders.findByPlacer("RIS-PLACER", number)).orElseThrow()
			.procedures()
			.get(0)
			.accessionNumber();
		try (Association as = new AssociationRequest("DX1", ae.aeTitle())
			.addContext(Uid.MODALITY_WORKLIST_FIND, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
			.addContext(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
			.connect("127.0.0.1", ae.port(), AssociationSettings.defaults("DX1"))) {
			Attributes keys = new Attributes();
			for (int tag : new int[] { Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex,
					Tag.StudyInstanceUID, Tag.RequestedProcedureID, Tag.RequestedProcedureDescription }) {
				keys.setString(tag, ElementDictionary.standard().vrOf(tag), "");
			}
			keys.setString(Tag.AccessionNumber, VR.SH, accession);
			keys.newSequence(Tag.RequestedProcedureCodeSequence);
			keys.newSequence(Tag.ScheduledProcedureStepSequence);
			Attributes item = FindScu.findAll(as, Uid.MODALITY_WORKLIST_FIND, keys).get(0);
			assertThat(as
				.nCreate(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, UidGenerator.uuidBased().next(),
						MppsScu.inProgress(item, "DX1", "PPS-XO", LocalDateTime.now(ZONE)))
				.status()).isZero();
		}
		String change = omi(mrn(patient), "XO", number, "", dtm(start.plus(Duration.ofHours(3))), "S");

		String reply = send(change);

		ORI_O24 refused = Hl7Replies.parse(reply, ORI_O24.class);
		assertThat(refused.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AE");
		assertThat(refused.getERR().getHL7ErrorCode().getIdentifier().getValue()).isEqualTo("206");
		assertThat(refused.getERR().getUserMessage().getValue()).contains("IN PROGRESS");
		ORI_O24_ORDER answer = refused.getRESPONSE().getORDER();
		assertThat(answer.getORC().getOrderControl().getValue()).isEqualTo("UX");
		assertThat(answer.getORC().getOrderStatus().getValue()).isEqualTo("IP");
		assertThat(answer.getIPC().getAccessionIdentifier().getEntityIdentifier().getValue()).isEqualTo(accession);
		assertQuarantined(change);
		ImagingOrder order = as("PHYSICIAN", () -> orders.findByPlacer("RIS-PLACER", number)).orElseThrow();
		assertThat(order.priority().hl7Code()).isEqualTo("R");
		assertThat(order.procedures().get(0).step().start()).isEqualTo(start);
		assertThat(order.procedures().get(0).step().status()).isEqualTo(StepStatus.IN_PROGRESS);
	}

	@Test
	void enhancedModeSendsTheAcceptAckThenTheOriAsMsh16Asks() throws Exception {
		PatientId patient = fixtures.patient("Goossens", "Lotte");
		String number = number();
		String message = omi(mrn(patient), "NW", number, "XR-KNEE^XR Knee^99CONT", "", "R")
			.replaceFirst("\\|2\\.5\\.1\r", "|2.5.1|||AL|AL\r");
		try (MllpClient client = client()) {
			String accept = client.send(message);
			assertThat(field(accept, "MSH", 9)).startsWith("ACK");
			assertThat(field(accept, "MSA", 1)).isEqualTo("CA");
			ORI_O24 ori = Hl7Replies.parse(client.receive(), ORI_O24.class);
			assertThat(ori.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
			assertThat(ori.getRESPONSE().getORDER().getORC().getOrderControl().getValue()).isEqualTo("OK");
		}
		String refused = omi("NOSUCHMRN2", "NW", number(), "XR-KNEE^XR Knee^99CONT", "", "R")
			.replaceFirst("\\|2\\.5\\.1\r", "|2.5.1|||NE|ER\r");
		try (MllpClient client = client()) {
			ORI_O24 ori = Hl7Replies.parse(client.send(refused), ORI_O24.class);
			assertThat(ori.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AE");
			assertThat(ori.getERR().getHL7ErrorCode().getIdentifier().getValue()).isEqualTo("204");
		}
	}

	@Test
	void unknownPatientIsAnsweredAeInAnOriAndTheMessageKept() throws Exception {
		String message = omi("NOSUCHMRN1", "NW", "PLX1", "24725-4^CT Head^LN", "", "R");
		String ack = send(message);
		ORI_O24 ori = Hl7Replies.parse(ack, ORI_O24.class);
		assertThat(ori.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AE");
		assertThat(field(ack, "ERR", 3)).startsWith("204");
		assertThat(field(ack, "ERR", 2)).isEqualTo("PID^1^3^1^1");
		assertThat(ori.getRESPONSE().isEmpty()).as("nothing of a refused new order to echo").isTrue();
		assertQuarantined(message);
		assertThat(as("PHYSICIAN", () -> orders.findByPlacer("RIS-PLACER", "PLX1"))).isEmpty();
	}

	@Test
	void unknownProcedureDuplicateNumberAndUnknownCancelAreRefused() throws Exception {
		PatientId patient = fixtures.patient("Janssens", "Eva");
		String number = number();
		String unknown = omi(mrn(patient), "NW", number, "XX-999^Nothing^99X", "", "R");
		String ack = send(unknown);
		assertThat(field(ack, "MSH", 9)).isEqualTo("ORI^O24^ORI_O24");
		assertThat(field(ack, "MSA", 1)).isEqualTo("AE");
		assertThat(field(ack, "ERR", 8)).contains("XX-999");
		assertQuarantined(unknown);
		assertThat(as("PHYSICIAN", () -> orders.forPatient(patient, 10))).isEmpty();

		assertThat(field(send(omi(mrn(patient), "NW", number, "XR-KNEE^XR Knee^99CONT", "", "R")), "MSA", 1))
			.isEqualTo("AA");
		String twice = send(omi(mrn(patient), "NW", number, "XR-KNEE^XR Knee^99CONT", "", "R"));
		assertThat(field(twice, "ERR", 3)).startsWith("205");
		String cancelUnknown = send(omi(mrn(patient), "CA", "PL-NONE", "XR-KNEE^XR Knee^99CONT", "", "R"));
		assertThat(field(cancelUnknown, "ERR", 3)).startsWith("204");
		assertThat(as("PHYSICIAN", () -> orders.forPatient(patient, 10))).hasSize(1);
	}

	@Test
	void ormRefusalIsAnOrrEchoingTheOrderUnableToAccept() throws Exception {
		PatientId patient = fixtures.patient("Peeters", "Ann");
		String number = number();
		String message = orm(mrn(patient), "NW", number, "XX-998^Nothing^99X");

		ORR_O02 orr = Hl7Replies.parse(send(message), ORR_O02.class);

		assertThat(orr.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AE");
		assertThat(orr.getERR().getHL7ErrorCode().getIdentifier().getValue()).isEqualTo("207");
		assertThat(orr.getERR().getErrorLocation(0).getSegmentID().getValue()).isEqualTo("ORC");
		ORR_O02_ORDER answer = orr.getRESPONSE().getORDER();
		assertThat(answer.getORC().getOrderControl().getValue()).isEqualTo("UA");
		assertThat(answer.getORC().getPlacerOrderNumber().getEntityIdentifier().getValue()).isEqualTo(number);
		assertThat(answer.getORC().getFillerOrderNumber().isEmpty()).isTrue();
		assertThat(answer.getOBR().getUniversalServiceIdentifier().getIdentifier().getValue()).isEqualTo("XX-998");
		assertQuarantined(message);
	}

	private void assertQuarantined(String message) {
		Map<String, Object> row = jdbc
			.sql("select state, ack_code, raw is not null as raw from hl7_message where control_id = ?")
			.param(field(message, "MSH", 10))
			.query()
			.singleRow();
		assertThat(row).containsEntry("state", "quarantined")
			.containsEntry("ack_code", "AE")
			.containsEntry("raw", true);
	}

	/** The worklist item of the accession, as dcmtk {@code findscu -W} gets it. */
	private Attributes worklistItem(String accession, String modality) throws Exception {
		Path out = Files.createDirectories(dir.resolve("rsp-" + accession));
		Process findscu = new ProcessBuilder("findscu", "-W", "-X", "-od", out.toString(), "-aet", modality + "1",
				"-aec", ae.aeTitle(), "-k", "AccessionNumber=" + accession, "-k", "RequestedProcedureID", "-k",
				"StudyInstanceUID", "-k", "ScheduledProcedureStepSequence[0].Modality", "-k",
				"ScheduledProcedureStepSequence[0].ScheduledStationAETitle", "-k",
				"ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate", "-k",
				"ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartTime", "-k",
				"ScheduledProcedureStepSequence[0].ScheduledProcedureStepID", "127.0.0.1", Integer.toString(ae.port()))
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
		assertThat(items).as(log).hasSize(1);
		return items.get(0);
	}

	private String mrn(PatientId patient) {
		return as("PHYSICIAN", () -> patients.summary(patient)).mrn();
	}

	private MllpClient client() throws Exception {
		return MllpClient.connect("127.0.0.1", listener.port(), Duration.ofSeconds(5), Duration.ofSeconds(30));
	}

	private String send(String message) throws Exception {
		try (MllpClient client = client()) {
			return client.send(message);
		}
	}

	private static String number() {
		return "PL" + System.nanoTime() % 1_000_000_000L;
	}

	private static String omi(String mrn, String control, String number, String procedure, String when,
			String priority) {
		return msh("OMI^O23^OMI_O23") + "PID|1||" + mrn + "^^^CONTINUUM^MR||Peeters^Jan||19610309|F\r" + "PV1|1|O\r"
				+ "ORC|" + control + "|" + number + "||||||||||1234^House^Greg\r" + "TQ1|1||||||" + when + "||"
				+ priority + "\r" + "OBR|1|" + number + "||" + procedure + "|||||||||" + "|".repeat(18) + "^Headache\r";
	}

	private static String orm(String mrn, String control, String number, String procedure) {
		return msh("ORM^O01^ORM_O01") + "PID|1||" + mrn + "^^^CONTINUUM^MR||Peeters^Jan||19610309|F\r" + "ORC|"
				+ control + "|" + number + "|||||^^^^^R|||||1234^House^Greg\r" + "OBR|1|" + number + "||" + procedure
				+ "\r";
	}

	private static String msh(String type) {
		return "MSH|^~\\&|RIS-PLACER|HOSP|CONTINUUM|HOSP|20261207101010||" + type + "|IMG" + System.nanoTime() % 100000
				+ "-" + CONTROL.incrementAndGet() + "|P|2.5.1\r";
	}

	private static String dtm(Instant at) {
		return DTM.format(at.atZone(ZONE));
	}

	/** Field n of the first segment of that id (MSH-n counted as HL7 counts). */
	static String field(String message, String segment, int n) {
		for (String line : message.split("\r")) {
			if (line.startsWith(segment + "|")) {
				String[] fields = line.split("\\|", -1);
				int index = segment.equals("MSH") ? n - 1 : n;
				return index < fields.length ? fields[index] : "";
			}
		}
		return "";
	}

}
