package continuum.lab.hl7;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.hl7.MllpListener;
import continuum.lab.LabFixtures;
import continuum.lab.LabOrder;
import continuum.lab.hl7.simulator.AnalyzerSimulator;
import continuum.lab.hl7.simulator.Burst;
import continuum.patients.Gender;
import continuum.patients.PatientId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The interface's speed, not a pass/fail test (tag {@code benchmark};
 * {@code bench/lab/ingest.sh} runs it): ORU^R01 of 10 OBX each, acknowledged only after
 * commit (synchronous commit, fsync on), on 1 and then 8 connections, each after a
 * discarded warm-up pass; printed: messages per second, acknowledgement latency p50 and
 * p99, and the machine's CPU ms per message (the simulator shares the cores). Then the
 * OML^O21 rate out of the outbox to a middleware that acknowledges at once.
 */
@Tag("benchmark")
@ContinuumIntegrationTest
class LabInterfaceBenchmark {

	private static final int MESSAGES = Integer.getInteger("continuum.bench.messages", 4000);

	static final MiddlewarePeer middleware = LabInterfaceLoopTests.MiddlewarePeerHolder.start();

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
	JdbcClient jdbc;

	@Test
	void resultsInAndOrdersOut() throws Exception {
		List<String> accessions = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			PatientId patient = fixtures.patient(i % 2 == 0 ? Gender.MALE : Gender.FEMALE,
					LocalDate.of(1950 + i, 1, 1));
			LabOrder order = fixtures.receiveAll(fixtures.order(patient, "51990-0", "1988-5", "67151-1"));
			accessions.add(order.specimens().get(0).accession());
		}
		for (int connections : new int[] { 1, 8 }) {
			int messages = connections == 1 ? MESSAGES / 4 : MESSAGES;
			measure(accessions, connections, messages / 4 / connections);
			long cpu = busyJiffies();
			long jvm = jvmCpuMillis();
			Burst.Measurement measured = measure(accessions, connections, messages / connections);
			double cpuPerMessage = (busyJiffies() - cpu) * 10.0 / measured.messages();
			double jvmPerMessage = (jvmCpuMillis() - jvm) / (double) measured.messages();
			System.out.printf(
					"INGEST connections=%d %s; cpu_ms_per_msg=%.2f (JVM with the simulator %.2f, the rest: PostgreSQL)%n",
					connections, measured.describe(), cpuPerMessage, jvmPerMessage);
		}
		int sentBefore = middleware.received().size();
		long start = System.nanoTime();
		long cpu = busyJiffies();
		int orders = 300;
		for (int i = 0; i < orders; i++) {
			PatientId patient = fixtures.patient(Gender.FEMALE, LocalDate.of(1970, 1, 1));
			fixtures.order(patient, "58410-2", "1988-5");
		}
		double placedSeconds = (System.nanoTime() - start) / 1e9;
		await().atMost(Duration.ofMinutes(5)).until(() -> middleware.received().size() >= sentBefore + orders);
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(
				"OUTBOX %d OML^O21 placed in %.2f s and all acknowledged by the middleware after %.2f s: %.0f msg/s; "
						+ "cpu_ms_per_order=%.2f (placing the order included)%n",
				orders, placedSeconds, seconds, orders / seconds, (busyJiffies() - cpu) * 10.0 / orders);
	}

	private Burst.Measurement measure(List<String> accessions, int connections, int perConnection) throws Exception {
		List<String> args = new ArrayList<>(List.of("burst", "--port", Integer.toString(listener.port()),
				"--connections", Integer.toString(connections), "--messages", Integer.toString(perConnection), "--name",
				"COBAS-PRO"));
		args.addAll(accessions);
		return Burst.measure(AnalyzerSimulator.Options.parse(args.toArray(String[]::new)));
	}

	/** CPU time of this JVM (server and simulator), in ms. */
	private static long jvmCpuMillis() {
		return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
	}

	/** The machine's busy time (all cores, user + system + interrupts) in 1/100 s. */
	private static long busyJiffies() throws Exception {
		String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
		long busy = 0;
		for (int i : new int[] { 1, 2, 3, 6, 7 }) {
			busy += Long.parseLong(fields[i]);
		}
		return busy;
	}

}
