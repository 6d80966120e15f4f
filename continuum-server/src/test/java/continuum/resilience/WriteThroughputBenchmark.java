package continuum.resilience;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import continuum.TestCluster;
import continuum.fhir.FhirTestSupport;
import continuum.platform.ServerProcess;
import continuum.resilience.Attempt.Outcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cost of RPO 0 ({@code docs/benchmarks.md}, "Resilience: failover"), not a test of
 * the suite (tag {@code benchmark}; {@code bench/resilience/throughput.sh} runs it): the
 * same mixed write load (patients, allergies, bookings; {@link WriteLoad}) against one
 * Continuum node on the embedded single PostgreSQL, then against one node of the cluster
 * whose commits wait for the synchronous standby, in the same run. Each gets a discarded
 * warm-up and a measured period; printed: acknowledged writes per second and the
 * machine's CPU seconds per write (load generator included: it shares the cores).
 */
@Tag("benchmark")
class WriteThroughputBenchmark {

	private static final int CLIENTS = Integer.getInteger("continuum.bench.clients", 8);

	private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("continuum.bench.warmup", 30));

	private static final Duration MEASURED = Duration.ofSeconds(Integer.getInteger("continuum.bench.seconds", 60));

	@TempDir
	Path temp;

	@Test
	void embeddedAgainstSynchronousCluster() throws Exception {
		Measure embedded;
		try (ServerProcess server = ServerProcess.start(temp.resolve("embedded"),
				Map.of("CONTINUUM_DEMO_PATIENTS", "50"))) {
			embedded = measure(server.baseUrl());
		}
		Measure cluster;
		try (TestCluster up = TestCluster.create("throughput-bench", 1)) {
			up.up();
			cluster = measure(up.status().get("nodes").get(0).get("url").asString());
		}
		System.out.printf("THROUGHPUT embedded writes_per_s=%.1f cpu_ms_per_write=%.2f%n", embedded.perSecond(),
				embedded.cpuMillisPerWrite());
		System.out.printf("THROUGHPUT cluster(sync) writes_per_s=%.1f cpu_ms_per_write=%.2f%n", cluster.perSecond(),
				cluster.cpuMillisPerWrite());
		System.out.printf("THROUGHPUT ratio cluster/embedded=%.2f%n", cluster.perSecond() / embedded.perSecond());
	}

	private record Measure(double perSecond, double cpuMillisPerWrite) {
	}

	private static Measure measure(String node) throws Exception {
		Map<String, String> tokens = new ConcurrentHashMap<>();
		int port = Integer.parseInt(node.substring(node.lastIndexOf(':') + 1));
		WriteLoad warmUp = new WriteLoad(List.of(node),
				username -> tokens.computeIfAbsent(username, u -> FhirTestSupport.token(port, u)), CLIENTS);
		warmUp.start();
		Thread.sleep(WARM_UP.toMillis());
		warmUp.stop();
		WriteLoad load = new WriteLoad(List.of(node),
				username -> tokens.computeIfAbsent(username, u -> FhirTestSupport.token(port, u)), CLIENTS);
		long cpuBefore = busyJiffies();
		long started = System.nanoTime();
		load.start();
		Thread.sleep(MEASURED.toMillis());
		load.stop();
		double seconds = (System.nanoTime() - started) / 1e9;
		long cpu = busyJiffies() - cpuBefore;
		long acknowledged = load.attempts().stream().filter(a -> a.outcome() == Outcome.ACKNOWLEDGED).count();
		return new Measure(acknowledged / seconds, cpu * 10.0 / Math.max(1, acknowledged));
	}

	/** The machine's busy time (all cores, user + system + interrupts) in 1/100 s. */
	private static long busyJiffies() throws Exception {
		String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
		// user, nice, system, irq, softirq (idle, iowait and steal are not ours; guest is
		// counted in user).
		long busy = 0;
		for (int i : new int[] { 1, 2, 3, 6, 7 }) {
			busy += Long.parseLong(fields[i]);
		}
		return busy;
	}

}
