package continuum.lab.hl7;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import continuum.ContinuumIntegrationTest;
import continuum.hl7.MllpListener;
import continuum.lab.LabFixtures;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.hl7.simulator.SimulatedAnalyzer;
import continuum.lab.hl7.simulator.WorkOrder;
import continuum.patients.Gender;
import continuum.patients.PatientId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results that cannot be taken, each answered AE with an ERR segment that says what and
 * where (HL7 table 0357 code, ERR-2 location), and kept in quarantine with nothing of the
 * message stored as a result: unknown order, another patient's order, a test not in the
 * catalogue or not ordered, a value that is no number, a wrong unit, a cancelled order, a
 * specimen not received; and queries for specimens the server has no work for.
 */
@ContinuumIntegrationTest
class LabInterfaceErrorTests {

	@Autowired
	MllpListener listener;

	@Autowired
	LabFixtures fixtures;

	@Autowired
	LabOrderService orders;

	@Autowired
	JdbcClient jdbc;

	private record Sent(String message, String response) {

		String err(int field) {
			return SimulatorFields.field(response, "ERR", field);
		}

	}

	private WorkOrder received(PatientId patient, SimulatedAnalyzer analyzer, String... orderables) throws Exception {
		LabOrder order = fixtures.receiveAll(fixtures.order(patient, orderables));
		return analyzer.query(order.specimens().get(0).accession()).orElseThrow();
	}

	private Sent send(SimulatedAnalyzer analyzer, String message) throws Exception {
		return new Sent(message, analyzer.send(message));
	}

	private void assertQuarantined(Sent sent, PatientId patient) {
		String controlId = SimulatorFields.field(sent.message(), "MSH", 10);
		Map<String, Object> row = jdbc
			.sql("select state, ack_code, patient_id, raw is not null as raw from hl7_message where control_id = ?")
			.param(controlId)
			.query()
			.singleRow();
		assertThat(row).containsEntry("state", "quarantined")
			.containsEntry("ack_code", "AE")
			.containsEntry("raw", true);
		if (patient != null) {
			assertThat(row).containsEntry("patient_id", patient.asString());
		}
		assertThat(jdbc
			.sql("select count(*) from lab_result r join lab_specimen s on s.accession = r.accession "
					+ "where s.patient_id = ?")
			.param(patient == null ? -1 : patient.value())
			.query(Integer.class)
			.single()).as("nothing of a refused message is stored").isZero();
	}

	@Test
	void unknownOrderNumber() throws Exception {
		PatientId patient = fixtures.patient(Gender.FEMALE, LocalDate.of(1980, 1, 1));
		try (SimulatedAnalyzer analyzer = SimulatedAnalyzer.connect("COBAS-PRO", "127.0.0.1", listener.port(), 1)) {
			WorkOrder work = received(patient, analyzer, "1988-5");
			WorkOrder wrong = new WorkOrder(work.accession(), work.mrn(),
					List.of(new WorkOrder.Line("LO999999-9", "1988-5")));
			Sent sent = send(analyzer, analyzer.resultMessage(wrong, Map.of()));
			assertThat(SimulatedAnalyzer.ackCode(sent.response())).isEqualTo("AE");
			assertThat(sent.err(3)).startsWith("204");
			assertThat(sent.err(2)).isEqualTo("OBR^1^2^1^1");
			assertThat(sent.err(8)).contains("LO999999-9");
			assertQuarantined(sent, null);
		}
	}

	@Test
	void anotherPatientsNumber() throws Exception {
		PatientId patient = fixtures.patient(Gender.FEMALE, LocalDate.of(1980, 1, 2));
		try (SimulatedAnalyzer analyzer = SimulatedAnalyzer.connect("COBAS-PRO", "127.0.0.1", listener.port(), 2)) {
			WorkOrder work = received(patient, analyzer, "1988-5");
			WorkOrder otherPatient = new WorkOrder(work.accession(), "999999999", work.lines());
			Sent sent = send(analyzer, analyzer.resultMessage(otherPatient, Map.of()));
			assertThat(SimulatedAnalyzer.ackCode(sent.response())).isEqualTo("AE");
			assertThat(sent.err(3)).startsWith("204");
			assertThat(sent.err(2)).isEqualTo("PID^1^3^1^1");
			assertQuarantined(sent, patient);
		}
	}

	@Test
	void testsNotInTheCatalogueOrNotOrdered() throws Exception {
		PatientId patient = fixtures.patient(Gender.MALE, LocalDate.of(1980, 1, 3));
		try (SimulatedAnalyzer analyzer = SimulatedAnalyzer.connect("COBAS-PRO", "127.0.0.1", listener.port(), 3)) {
			WorkOrder work = received(patient, analyzer, "1988-5");
			String placer = work.lines().get(0).placerNumber();
			Sent unknown = send(analyzer,
					analyzer.resultMessage(
							new WorkOrder(work.accession(), work.mrn(), List.of(new WorkOrder.Line(placer, "12345-6"))),
							Map.of("12345-6", "1")));
			assertThat(SimulatedAnalyzer.ackCode(unknown.response())).isEqualTo("AE");
			assertThat(unknown.err(3)).startsWith("103");
			assertThat(unknown.err(2)).isEqualTo("OBX^1^3^1^1");
			Sent notOrdered = send(analyzer,
					analyzer.resultMessage(
							new WorkOrder(work.accession(), work.mrn(), List.of(new WorkOrder.Line(placer, "2823-3"))),
							Map.of()));
			assertThat(SimulatedAnalyzer.ackCode(notOrdered.response())).isEqualTo("AE");
			assertThat(notOrdered.err(8)).contains("not ordered");
			assertQuarantined(notOrdered, patient);
		}
	}

	@Test
	void aValueThatIsNoNumberAndAWrongUnit() throws Exception {
		PatientId patient = fixtures.patient(Gender.MALE, LocalDate.of(1980, 1, 4));
		try (SimulatedAnalyzer analyzer = SimulatedAnalyzer.connect("COBAS-PRO", "127.0.0.1", listener.port(), 4)) {
			WorkOrder work = received(patient, analyzer, "1988-5");
			Sent notANumber = send(analyzer, analyzer.resultMessage(work, Map.of("1988-5", "high")));
			assertThat(SimulatedAnalyzer.ackCode(notANumber.response())).isEqualTo("AE");
			assertThat(notANumber.err(3)).startsWith("102");
			assertThat(notANumber.err(2)).isEqualTo("OBX^1^5^1^1");
			String wrongUnit = analyzer.resultMessage(work, Map.of("1988-5", "3.0")).replace("mg/L^^UCUM", "g/L^^UCUM");
			Sent unit = send(analyzer, wrongUnit);
			assertThat(SimulatedAnalyzer.ackCode(unit.response())).isEqualTo("AE");
			assertThat(unit.err(2)).isEqualTo("OBX^1^6^1^1");
			assertQuarantined(unit, patient);
		}
	}

	@Test
	void aCancelledOrder() throws Exception {
		PatientId patient = fixtures.patient(Gender.FEMALE, LocalDate.of(1980, 1, 5));
		try (SimulatedAnalyzer analyzer = SimulatedAnalyzer.connect("COBAS-PRO", "127.0.0.1", listener.port(), 5)) {
			LabOrder order = fixtures.receiveAll(fixtures.order(patient, "1988-5"));
			WorkOrder work = analyzer.query(order.specimens().get(0).accession()).orElseThrow();
			as("PHYSICIAN", () -> orders.cancel(order.id(), Set.of(), "patient discharged", null));
			assertThat(analyzer.query(order.specimens().get(0).accession())).as("no work once cancelled").isEmpty();
			Sent sent = send(analyzer, analyzer.resultMessage(work, Map.of()));
			assertThat(SimulatedAnalyzer.ackCode(sent.response())).isEqualTo("AE");
			assertThat(sent.err(8)).contains("cancelled");
			assertQuarantined(sent, patient);
		}
	}

	@Test
	void aSpecimenNotYetReceivedOrUnknownHasNoWork() throws Exception {
		PatientId patient = fixtures.patient(Gender.FEMALE, LocalDate.of(1980, 1, 6));
		LabOrder order = fixtures.order(patient, "1988-5");
		try (SimulatedAnalyzer analyzer = SimulatedAnalyzer.connect("COBAS-PRO", "127.0.0.1", listener.port(), 6)) {
			assertThat(analyzer.query(order.specimens().get(0).accession())).isEmpty();
			assertThat(analyzer.query("0000000000")).isEmpty();
			String response = analyzer.send(analyzer.queryMessage("0000000000"));
			assertThat(SimulatedAnalyzer.ackCode(response)).isEqualTo("AA");
			assertThat(SimulatorFields.field(response, "QAK", 2)).isEqualTo("NF");
			WorkOrder early = new WorkOrder(order.specimens().get(0).accession(),
					jdbc.sql("select mrn from patient where id = ?")
						.param(patient.value())
						.query(String.class)
						.single(),
					List.of(new WorkOrder.Line(order.items().get(0).placerNumber(), "1988-5")));
			Sent sent = send(analyzer, analyzer.resultMessage(early, Map.of()));
			assertThat(SimulatedAnalyzer.ackCode(sent.response())).isEqualTo("AE");
			assertThat(sent.err(8)).contains("received specimens only");
			assertQuarantined(sent, patient);
		}
	}

}
