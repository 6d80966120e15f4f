package continuum.lab.hl7;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.hl7.MllpListener;
import continuum.lab.CriticalAlert;
import continuum.lab.CriticalAlertService;
import continuum.lab.LabFixtures;
import continuum.lab.LabOrder;
import continuum.lab.LabResult;
import continuum.lab.ResultId;
import continuum.lab.ResultService;
import continuum.lab.ResultStage;
import continuum.lab.hl7.simulator.SimulatedAnalyzer;
import continuum.lab.hl7.simulator.WorkOrder;
import continuum.patients.Gender;
import continuum.patients.PatientId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop through real sockets: an order goes out to the middleware as OML^O21,
 * the specimen's collection and receipt follow, the analyzer (the simulator) asks for the
 * work order by barcode (QBP^Q11 → RSP^K11) and sends its results (ORU^R01, then
 * OUL^R22), which are verified and released to the chart; a critical one alerts the
 * ordering physician, who acknowledges it. A message sent twice is processed once.
 */
@ContinuumIntegrationTest
class LabInterfaceLoopTests {

	static final MiddlewarePeer middleware = MiddlewarePeerHolder.start();

	@DynamicPropertySource
	static void middlewareLink(DynamicPropertyRegistry registry) {
		registry.add("continuum.hl7.links.lab.host", () -> "127.0.0.1");
		registry.add("continuum.hl7.links.lab.port", middleware::port);
	}

	@AfterAll
	static void stopMiddleware() throws Exception {
		middleware.close();
	}

	@Autowired
	MllpListener listener;

	@Autowired
	LabFixtures fixtures;

	@Autowired
	ResultService results;

	@Autowired
	CriticalAlertService alerts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void orderToReleasedResultThroughTheInterfaces() throws Exception {
		PatientId patient = fixtures.patient(Gender.MALE, LocalDate.of(1958, 4, 21));
		String mrn = jdbc.sql("select mrn from patient where id = ?")
			.param(patient.value())
			.query(String.class)
			.single();
		LabOrder order = fixtures.order(patient, "51990-0", "1988-5", "67151-1");

		await().atMost(Duration.ofSeconds(20)).until(() -> messagesFor(order.placerNumber(), "NW").size() == 1);
		String placed = messagesFor(order.placerNumber(), "NW").get(0);
		assertThat(SimulatorFields.field(placed, "MSH", 9)).isEqualTo("OML^O21^OML_O21");
		assertThat(SimulatorFields.field(placed, "PID", 3)).isEqualTo(mrn + "^^^CONTINUUM^MR");
		assertThat(SimulatorFields.fields(placed, "ORC", 2)).containsExactly(order.placerNumber() + "-1^CONTINUUM",
				order.placerNumber() + "-2^CONTINUUM", order.placerNumber() + "-3^CONTINUUM");
		assertThat(SimulatorFields.fields(placed, "OBR", 4)).containsExactly("51990-0^Basic metabolic panel - Blood^LN",
				"1988-5^C reactive protein^LN", "67151-1^Troponin T, high sensitivity^LN");

		LabOrder received = fixtures.receiveAll(order);
		String accession = received.specimens().get(0).accession();
		await().atMost(Duration.ofSeconds(20)).until(() -> messagesFor(order.placerNumber(), "SC").size() == 2);
		String receipt = messagesFor(order.placerNumber(), "SC").get(1);
		assertThat(SimulatorFields.field(receipt, "SPM", 2)).isEqualTo(accession);
		assertThat(SimulatorFields.field(receipt, "SPM", 20)).isEqualTo("Y");

		try (SimulatedAnalyzer analyzer = SimulatedAnalyzer.connect("COBAS-PRO", "127.0.0.1", listener.port(), 7)) {
			WorkOrder work = analyzer.query(accession).orElseThrow();
			assertThat(work.mrn()).isEqualTo(mrn);
			assertThat(work.lines()).hasSize(10);
			assertThat(SimulatedAnalyzer.tests(work)).contains("2823-3", "1988-5", "67151-1");

			Map<String, String> values = new HashMap<>();
			values.put("2823-3", "7.2");
			values.put("1988-5", "3.1");
			String oru = analyzer.resultMessage(work, values);
			assertThat(SimulatedAnalyzer.ackCode(analyzer.send(oru))).isEqualTo("AA");

			List<LabResult> entered = as("LAB_TECHNOLOGIST", () -> results.queue(ResultStage.ENTERED, "CHEM", 1000))
				.stream()
				.filter(r -> r.accession().equals(accession))
				.toList();
			assertThat(entered).hasSize(10);
			assertThat(entered).allMatch(r -> r.analyzer().startsWith("COBAS-PRO"));
			int versions = versions(accession);

			assertThat(SimulatedAnalyzer.ackCode(analyzer.send(oru))).as("the same message again").isEqualTo("AA");
			assertThat(versions(accession)).as("a message seen before is not processed again").isEqualTo(versions);

			List<ResultId> ids = entered.stream().map(LabResult::id).toList();
			as("LAB_TECHNOLOGIST", () -> results.verify(ids));
			as("LAB_SPECIALIST", () -> results.release(ids));
		}

		List<LabResult> chart = as("PHYSICIAN", () -> results.released(patient, null, null, 100));
		assertThat(chart).hasSize(10);
		LabResult potassium = chart.stream().filter(r -> r.test().code().equals("2823-3")).findFirst().orElseThrow();
		assertThat(potassium.critical()).isTrue();
		CriticalAlert alert = as("PHYSICIAN", () -> alerts.open(500)).stream()
			.filter(a -> a.result().equals(potassium.id()))
			.findFirst()
			.orElseThrow();
		assertThat(as("PHYSICIAN", () -> alerts.acknowledge(alert.id(), "Kayexalate given")).acknowledgedBy())
			.isEqualTo("physician");
	}

	@Test
	void specimenOrientedResultsAreTakenToo() throws Exception {
		PatientId patient = fixtures.patient(Gender.FEMALE, LocalDate.of(1991, 12, 3));
		LabOrder order = fixtures.receiveAll(fixtures.order(patient, "58410-2"));
		String accession = order.specimens().get(0).accession();
		try (SimulatedAnalyzer analyzer = SimulatedAnalyzer.connect("SYSMEX-XN", "127.0.0.1", listener.port(), 8)) {
			WorkOrder work = analyzer.query(accession).orElseThrow();
			assertThat(work.lines()).hasSize(6);
			String oul = analyzer.specimenResultMessage(work, Map.of("718-7", "13.1"));
			assertThat(SimulatedAnalyzer.ackCode(analyzer.send(oul))).isEqualTo("AA");
		}
		List<LabResult> entered = as("LAB_TECHNOLOGIST", () -> results.queue(ResultStage.ENTERED, "HEMA", 1000))
			.stream()
			.filter(r -> r.accession().equals(accession))
			.toList();
		assertThat(entered).hasSize(6);
		assertThat(entered).filteredOn(r -> r.test().code().equals("718-7"))
			.singleElement()
			.satisfies(r -> assertThat(r.value().display()).isEqualTo("13.1"));
	}

	private int versions(String accession) {
		return jdbc.sql("""
				select count(*) from lab_result_version v join lab_result r on r.id = v.result_id
				where r.accession = ?""").param(accession).query(Integer.class).single();
	}

	private static List<String> messagesFor(String placerNumber, String control) {
		return middleware.received()
			.stream()
			.filter(m -> SimulatorFields.field(m, "ORC", 4).startsWith(placerNumber + "^"))
			.filter(m -> control.equals(SimulatorFields.field(m, "ORC", 1)))
			.toList();
	}

	/** Starts the peer before the context, whose link points at it. */
	static final class MiddlewarePeerHolder {

		static MiddlewarePeer start() {
			try {
				return new MiddlewarePeer();
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}

	}

}
