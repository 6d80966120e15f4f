package continuum.lab.hl7.simulator;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N connections, each sending M result messages as fast as the acknowledgements come
 * back; measures messages per second over all and the acknowledgement latency of each
 * message (from the last byte written to the acknowledgement read).
 */
public final class Burst {

	private Burst() {
	}

	/** What one run measured. */
	public record Measurement(int messages, int rejected, double seconds, double perSecond, double p50Millis,
			double p99Millis) {

		public String describe() {
			return String.format("%d messages (%d not AA) in %.2f s: %.0f msg/s, ACK latency p50 %.2f ms, p99 %.2f ms",
					messages, rejected, seconds, perSecond, p50Millis, p99Millis);
		}

	}

	static int run(AnalyzerSimulator.Options options, PrintStream out) throws Exception {
		Measurement measurement = measure(options);
		out.println(measurement.describe());
		return measurement.rejected() == 0 ? 0 : 1;
	}

	/** Queries the work orders once, then runs the burst. */
	public static Measurement measure(AnalyzerSimulator.Options options) throws Exception {
		List<WorkOrder> orders = new ArrayList<>();
		try (SimulatedAnalyzer analyzer = options.connect(0)) {
			for (String accession : options.accessions()) {
				analyzer.query(accession).ifPresent(orders::add);
			}
		}
		if (orders.isEmpty()) {
			throw new IllegalStateException("None of the specimens has a work order for " + options.name());
		}
		ExecutorService pool = Executors.newFixedThreadPool(options.connections());
		long start = System.nanoTime();
		try {
			List<Future<long[]>> runs = new ArrayList<>();
			for (int c = 0; c < options.connections(); c++) {
				int connection = c;
				runs.add(pool.submit(() -> connectionRun(options, orders, connection)));
			}
			List<Long> latencies = new ArrayList<>();
			int rejected = 0;
			for (Future<long[]> run : runs) {
				long[] result = run.get();
				rejected += (int) result[0];
				for (int i = 1; i < result.length; i++) {
					latencies.add(result[i]);
				}
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
			Arrays.sort(sorted);
			return new Measurement(sorted.length, rejected, seconds, sorted.length / seconds,
					percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** [rejected, latency of each message in ns...] */
	private static long[] connectionRun(AnalyzerSimulator.Options options, List<WorkOrder> orders, int connection)
			throws Exception {
		long[] result = new long[options.messages() + 1];
		try (SimulatedAnalyzer analyzer = options.connect(connection + 1)) {
			for (int i = 0; i < options.messages(); i++) {
				WorkOrder order = orders.get((connection + i * options.connections()) % orders.size());
				String message = analyzer.resultMessage(order, Map.of());
				long sent = System.nanoTime();
				String ack = SimulatedAnalyzer.ackCode(analyzer.send(message));
				result[i + 1] = System.nanoTime() - sent;
				if (!"AA".equals(ack)) {
					result[0]++;
				}
			}
		}
		return result;
	}

	private static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

}
