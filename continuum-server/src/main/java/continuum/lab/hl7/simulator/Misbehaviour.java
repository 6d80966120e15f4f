package continuum.lab.hl7.simulator;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * An analyzer that misbehaves on purpose: bytes that are no HL7 message, the same message
 * twice, or half a frame and then a dropped connection. Prints what the server answered.
 */
final class Misbehaviour {

	private Misbehaviour() {
	}

	static int run(AnalyzerSimulator.Options options, PrintStream out) throws Exception {
		String mode = options.accessions().isEmpty() ? "" : options.accessions().get(0);
		String accession = options.accessions().size() > 1 ? options.accessions().get(1) : null;
		try (SimulatedAnalyzer analyzer = options.connect(0)) {
			switch (mode) {
				case "garbage" -> {
					String response = analyzer.send("this is not an HL7 message\r");
					out.println("garbage: answered " + SimulatedAnalyzer.ackCode(response));
				}
				case "duplicate" -> {
					WorkOrder work = workOrder(analyzer, accession);
					String message = analyzer.resultMessage(work, Map.of());
					out.println("first: " + SimulatedAnalyzer.ackCode(analyzer.send(message)));
					out.println("again: " + SimulatedAnalyzer.ackCode(analyzer.send(message)));
				}
				case "drop" -> {
					WorkOrder work = workOrder(analyzer, accession);
					byte[] message = analyzer.resultMessage(work, Map.of()).getBytes(StandardCharsets.UTF_8);
					byte[] half = new byte[message.length / 2 + 1];
					half[0] = 0x0b;
					System.arraycopy(message, 0, half, 1, half.length - 1);
					analyzer.connection().writeRaw(half);
					out.println("drop: sent " + half.length + " bytes of a frame and hung up");
				}
				default -> {
					out.println("misbehave garbage | duplicate ACCESSION | drop ACCESSION");
					return 2;
				}
			}
		}
		return 0;
	}

	private static WorkOrder workOrder(SimulatedAnalyzer analyzer, String accession) throws Exception {
		if (accession == null) {
			throw new IllegalArgumentException("Name the specimen (accession number)");
		}
		Optional<WorkOrder> work = analyzer.query(accession);
		return work.orElseThrow(() -> new IllegalStateException("No work order for " + accession));
	}

}
