package continuum.lab.hl7.simulator;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import continuum.hl7.MllpClient;
import continuum.lab.hl7.Er7;

/**
 * One analyzer on one MLLP connection: asks for the work order of a specimen (QBP^Q11,
 * IHE LAB-27), answers it with results (ORU^R01, LAB-3, or OUL^R22, LAB-29) under its own
 * name (MSH-3), and reads the acknowledgements. Not thread-safe: one per connection.
 */
public final class SimulatedAnalyzer implements Closeable {

	private static final AtomicLong COUNTER = new AtomicLong();

	private final String name;

	private final MllpClient connection;

	private final Random random;

	private final Clock clock;

	private double abnormal = 0.15;

	private double critical = 0.0;

	public SimulatedAnalyzer(String name, MllpClient connection, Random random, Clock clock) {
		this.name = name;
		this.connection = connection;
		this.random = random;
		this.clock = clock;
	}

	public static SimulatedAnalyzer connect(String name, String host, int port, long seed) throws IOException {
		return new SimulatedAnalyzer(name,
				MllpClient.connect(host, port, Duration.ofSeconds(5), Duration.ofSeconds(30)), new Random(seed),
				Clock.systemUTC());
	}

	/** The share of values out of range, and of those far out (critical). */
	public SimulatedAnalyzer abnormalRates(double abnormal, double critical) {
		this.abnormal = abnormal;
		this.critical = critical;
		return this;
	}

	/** Asks for the specimen's work order; empty when the server has none (QAK-2 NF). */
	public Optional<WorkOrder> query(String accession) throws IOException {
		String response = connection.send(queryMessage(accession));
		return Messages.workOrder(accession, response);
	}

	/** Sends a message as it is and answers the server's response. */
	public String send(String er7) throws IOException {
		return connection.send(er7);
	}

	/** The connection, for tests that misbehave on purpose (raw bytes, half frames). */
	public MllpClient connection() {
		return connection;
	}

	public String queryMessage(String accession) {
		return new Er7()
			.msh(name, "LAB", "CONTINUUM", "HOSPITAL", clock.instant(), "QBP^Q11^QBP_Q11", controlId(), null, null)
			.segment("QPD", "WOS^Work Order Step^IHE_LABTF", controlId(), Er7.esc(accession))
			.segment("RCP", "I")
			.build();
	}

	/**
	 * An ORU^R01 with a result for every line of the work order (or the values given).
	 */
	public String resultMessage(WorkOrder order, Map<String, String> values) {
		return results(order, values, "ORU^R01^ORU_R01", false);
	}

	/** The same results as a specimen-oriented OUL^R22. */
	public String specimenResultMessage(WorkOrder order, Map<String, String> values) {
		return results(order, values, "OUL^R22^OUL_R22", true);
	}

	private String results(WorkOrder order, Map<String, String> values, String type, boolean specimenFirst) {
		Er7 message = new Er7().msh(name, "LAB", "CONTINUUM", "HOSPITAL", clock.instant(), type, controlId(), null,
				null);
		message.segment("PID", "1", "", Er7.comp(order.mrn(), "", "", "CONTINUUM", "MR"));
		if (specimenFirst) {
			message.segment("SPM", "1", Er7.comp(order.accession()));
		}
		String now = Er7.dtm(clock.instant());
		List<String> placers = order.lines().stream().map(WorkOrder.Line::placerNumber).distinct().toList();
		int obr = 0;
		for (String placer : placers) {
			obr++;
			if (!specimenFirst) {
				message.segment("ORC", "RE", Er7.comp(placer, "CONTINUUM"));
			}
			message.segment("OBR", String.valueOf(obr), Er7.comp(placer, "CONTINUUM"), "", "", "", "", now);
			if (specimenFirst) {
				message.segment("ORC", "RE", Er7.comp(placer, "CONTINUUM"));
			}
			int obx = 0;
			for (WorkOrder.Line line : order.lines()) {
				if (!line.placerNumber().equals(placer)) {
					continue;
				}
				String value = values.getOrDefault(line.testCode(),
						TypicalValues.value(line.testCode(), random, abnormal, critical));
				String unit = TypicalValues.unit(line.testCode());
				message.segment("OBX", String.valueOf(++obx), unit.isEmpty() ? "ST" : "NM",
						Er7.comp(line.testCode(), "", "LN"), "", Er7.esc(value), Er7.comp(unit, "", "UCUM"), "", "", "",
						"", "F", "", "", now, "", "", "", Er7.comp(name + "-1"));
			}
			if (!specimenFirst) {
				message.segment("SPM", "1", Er7.comp(order.accession()));
			}
		}
		return message.build();
	}

	/** MSH-10: unique per message, at most 20 characters. */
	static String controlId() {
		return "SIM" + ProcessHandle.current().pid() % 10000 + "-" + COUNTER.incrementAndGet();
	}

	@Override
	public void close() throws IOException {
		connection.close();
	}

	/** The acknowledgement code (MSA-1) of a response. */
	public static String ackCode(String response) {
		return Messages.field(response, "MSA", 1);
	}

	/**
	 * Every result line a work order asks for, flattened, for callers that pick values.
	 */
	public static List<String> tests(WorkOrder order) {
		List<String> tests = new ArrayList<>();
		order.lines().forEach(l -> tests.add(l.testCode()));
		return tests;
	}

}
