package continuum.lab.hl7.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Reads the few fields the simulator needs from the server's responses, in the standard
 * delimiters the server always writes (HL7 v2.5.1 §2.5.4).
 */
final class Messages {

	private Messages() {
	}

	/** The RSP^K11's work order, or empty when QAK-2 is not OK. */
	static Optional<WorkOrder> workOrder(String accession, String response) {
		if (!"OK".equals(field(response, "QAK", 2))) {
			return Optional.empty();
		}
		String mrn = component(field(response, "PID", 3), 0);
		List<WorkOrder.Line> lines = new ArrayList<>();
		for (String segment : response.split("\r")) {
			if (segment.startsWith("OBR|")) {
				String[] fields = segment.split("\\|", -1);
				lines.add(new WorkOrder.Line(component(fields[2], 0), component(fields[4], 0)));
			}
		}
		return Optional.of(new WorkOrder(accession, mrn == null ? "" : mrn, List.copyOf(lines)));
	}

	/** The first segment's field, as written (components not split). */
	static @Nullable String field(String message, String segment, int field) {
		for (String line : message.split("[\r\n]+")) {
			if (line.startsWith(segment + "|")) {
				String[] fields = line.split("\\|", -1);
				int index = segment.equals("MSH") ? field - 1 : field;
				return index < fields.length ? fields[index] : null;
			}
		}
		return null;
	}

	private static @Nullable String component(@Nullable String field, int index) {
		if (field == null) {
			return null;
		}
		String[] parts = field.split("\\^", -1);
		return index < parts.length ? parts[index] : null;
	}

}
