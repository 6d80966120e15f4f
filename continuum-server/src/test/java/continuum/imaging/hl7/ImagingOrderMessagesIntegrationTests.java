package continuum.imaging.hl7;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import continuum.ContinuumIntegrationTest;
import continuum.hl7.MllpClient;
import continuum.hl7.MllpListener;
import continuum.imaging.ImagingFixtures;
import continuum.imaging.ImagingOrder;
import continuum.imaging.ImagingOrderService;
import continuum.imaging.ImagingOrderStatus;
import continuum.imaging.StepStatus;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.scheduling.AppointmentType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OMI^O23 and ORM^O01 from an external placer over a real MLLP connection to the shared
 * listener: a new order is placed with its booked step and acknowledged AA, a cancel
 * cancels it, and every refused message (unknown patient, unknown procedure, a number
 * used twice, an unknown order to cancel) is answered AE with ERR and kept, quarantined,
 * with nothing created.
 */
@ContinuumIntegrationTest
class ImagingOrderMessagesIntegrationTests {

	private static final AtomicInteger CONTROL = new AtomicInteger();

	private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

	@Autowired
	MllpListener listener;

	@Autowired
	ImagingFixtures fixtures;

	@Autowired
	ImagingOrderService orders;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@Test
	void omiNewOrderIsPlacedAndBookedOnTheWishedTime() throws Exception {
		PatientId patient = fixtures.patient("Hermans", "Sofie");
		Instant start = fixtures.freeTimes(AppointmentType.CT, 1).get(0).start();
		String number = "PL" + System.nanoTime() % 1_000_000_000L;

		String ack = send(omi(mrn(patient), "NW", number, "24725-4^CT Head^LN", dtm(start), "S"));

		assertThat(field(ack, "MSA", 1)).isEqualTo("AA");
		ImagingOrder order = as("PHYSICIAN", () -> orders.findByPlacer("RIS-PLACER", number)).orElseThrow();
		assertThat(order.patient()).isEqualTo(patient);
		assertThat(order.priority().hl7Code()).isEqualTo("S");
		assertThat(order.reason()).isEqualTo("Headache");
		assertThat(order.orderedBy()).isEqualTo("1234 House Greg");
		assertThat(order.procedures().get(0).step().start()).isEqualTo(start);
		assertThat(order.procedures().get(0).step().appointmentId()).isNotNull();
	}

	@Test
	void ormNewOrderThenCancel() throws Exception {
		PatientId patient = fixtures.patient("Mertens", "Joke");
		String number = "PL" + System.nanoTime() % 1_000_000_000L;

		assertThat(field(send(orm(mrn(patient), "NW", number, "36643-5^XR Chest 2 Views^LN")), "MSA", 1))
			.isEqualTo("AA");
		String cancel = send(orm(mrn(patient), "CA", number, "36643-5^XR Chest 2 Views^LN"));

		assertThat(field(cancel, "MSA", 1)).isEqualTo("AA");
		ImagingOrder order = as("PHYSICIAN", () -> orders.findByPlacer("RIS-PLACER", number)).orElseThrow();
		assertThat(order.status()).isEqualTo(ImagingOrderStatus.REVOKED);
		assertThat(order.cancelReason()).startsWith("Cancelled by RIS-PLACER");
		assertThat(order.procedures().get(0).step().status()).isEqualTo(StepStatus.DISCONTINUED);
	}

	@Test
	void unknownPatientIsAnsweredAeAndTheMessageKept() throws Exception {
		String message = omi("NOSUCHMRN1", "NW", "PLX1", "24725-4^CT Head^LN", "", "R");
		String ack = send(message);
		assertThat(field(ack, "MSA", 1)).isEqualTo("AE");
		assertThat(field(ack, "ERR", 3)).startsWith("204");
		assertThat(field(ack, "ERR", 2)).isEqualTo("PID^1^3^1^1");
		assertQuarantined(message);
		assertThat(as("PHYSICIAN", () -> orders.findByPlacer("RIS-PLACER", "PLX1"))).isEmpty();
	}

	@Test
	void unknownProcedureDuplicateNumberAndUnknownCancelAreRefused() throws Exception {
		PatientId patient = fixtures.patient("Janssens", "Eva");
		String number = "PL" + System.nanoTime() % 1_000_000_000L;
		String unknown = omi(mrn(patient), "NW", number, "XX-999^Nothing^99X", "", "R");
		String ack = send(unknown);
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

	private String mrn(PatientId patient) {
		return as("PHYSICIAN", () -> patients.summary(patient)).mrn();
	}

	private String send(String message) throws Exception {
		try (MllpClient client = MllpClient.connect("127.0.0.1", listener.port(), Duration.ofSeconds(5),
				Duration.ofSeconds(30))) {
			return client.send(message);
		}
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
		return DTM.format(at.atZone(ZoneId.of("Europe/Brussels")));
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
