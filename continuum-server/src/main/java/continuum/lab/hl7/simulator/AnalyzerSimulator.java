package continuum.lab.hl7.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analyzer simulator's command line ({@code ./continuum analyzer ...}):
 * <ul>
 * <li>{@code run ACCESSION...}: asks for each specimen's work order and sends its
 * results, one ORU^R01 each (or OUL^R22 with {@code --oul});</li>
 * <li>{@code burst --connections N --messages M ACCESSION...}: N connections each send M
 * ORU^R01 for the specimens in turn (the results are measured again, as after a rerun),
 * and reports messages per second and the acknowledgement latency (p50, p99);</li>
 * <li>{@code misbehave garbage|duplicate|drop ACCESSION}: sends bytes that are no HL7,
 * the same message twice, or half a frame and hangs up.</li>
 * </ul>
 * Options: {@code --host} (127.0.0.1), {@code --port} (2575, or
 * {@code CONTINUUM_MLLP_PORT}), {@code --name} (MSH-3, the analyzer: COBAS-PRO),
 * {@code --abnormal} (share of values out of range, 0.15), {@code --critical} (0.02),
 * {@code --seed}.
 */
public final class AnalyzerSimulator {

	private AnalyzerSimulator() {
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		int exit;
		try {
			exit = run(options, System.out);
		}
		catch (java.io.IOException ex) {
			System.err.println("analyzer: " + options.host() + ":" + options.port() + ": " + ex);
			exit = 1;
		}
		System.exit(exit);
	}

	/** Runs a command; answers the exit code (0 when every message was accepted). */
	static int run(Options options, PrintStream out) throws Exception {
		return switch (options.command()) {
			case "run" -> runOnce(options, out);
			case "burst" -> Burst.run(options, out);
			case "misbehave" -> Misbehaviour.run(options, out);
			default -> {
				out.println("usage: analyzer run|burst|misbehave [--host H] [--port P] [--name ANALYZER] "
						+ "[--connections N] [--messages M] [--oul] ACCESSION...");
				yield 2;
			}
		};
	}

	private static int runOnce(Options options, PrintStream out) throws IOException {
		int failures = 0;
		try (SimulatedAnalyzer analyzer = options.connect(0)) {
			for (String accession : options.accessions()) {
				Optional<WorkOrder> work = analyzer.query(accession);
				if (work.isEmpty()) {
					out.println(accession + ": no work order (QAK NF)");
					failures++;
					continue;
				}
				String message = options.oul() ? analyzer.specimenResultMessage(work.get(), Map.of())
						: analyzer.resultMessage(work.get(), Map.of());
				String ack = SimulatedAnalyzer.ackCode(analyzer.send(message));
				out.println(accession + ": " + work.get().lines().size() + " results sent, acknowledged " + ack);
				if (!"AA".equals(ack) && !"CA".equals(ack)) {
					failures++;
				}
			}
		}
		return failures == 0 ? 0 : 1;
	}

	/** The parsed command line. */
	public record Options(String command, String host, int port, String name, int connections, int messages,
			boolean oul, double abnormal, double critical, long seed, List<String> accessions) {

		public static Options parse(String[] args) {
			String command = args.length == 0 ? "help" : args[0];
			String host = "127.0.0.1";
			String env = System.getenv("CONTINUUM_MLLP_PORT");
			int port = env == null || env.isBlank() ? 2575 : Integer.parseInt(env.strip());
			String name = "COBAS-PRO";
			int connections = 1;
			int messages = 100;
			boolean oul = false;
			double abnormal = 0.15;
			double critical = 0.02;
			long seed = 1;
			List<String> rest = new ArrayList<>();
			List<String> list = Arrays.asList(args);
			for (int i = 1; i < list.size(); i++) {
				String arg = list.get(i);
				switch (arg) {
					case "--host" -> host = list.get(++i);
					case "--port" -> port = Integer.parseInt(list.get(++i));
					case "--name" -> name = list.get(++i);
					case "--connections" -> connections = Integer.parseInt(list.get(++i));
					case "--messages" -> messages = Integer.parseInt(list.get(++i));
					case "--oul" -> oul = true;
					case "--abnormal" -> abnormal = Double.parseDouble(list.get(++i));
					case "--critical" -> critical = Double.parseDouble(list.get(++i));
					case "--seed" -> seed = Long.parseLong(list.get(++i));
					default -> rest.add(arg);
				}
			}
			return new Options(command, host, port, name, connections, messages, oul, abnormal, critical, seed,
					List.copyOf(rest));
		}

		SimulatedAnalyzer connect(int connection) throws IOException {
			return SimulatedAnalyzer.connect(name, host, port, seed * 1000 + connection)
				.abnormalRates(abnormal, critical);
		}

	}

}
