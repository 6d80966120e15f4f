package continuum.lab.hl7;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads fields of ER7 text in tests: segment by name, field by number (MSH counted as the
 * standard does).
 */
final class SimulatorFields {

	private SimulatorFields() {
	}

	static String field(String message, String segment, int field) {
		List<String> all = fields(message, segment, field);
		return all.isEmpty() ? null : all.get(0);
	}

	/** The field in every segment of that name, in order. */
	static List<String> fields(String message, String segment, int field) {
		List<String> values = new ArrayList<>();
		for (String line : message.split("[\r\n]+")) {
			if (line.startsWith(segment + "|")) {
				String[] fields = line.split("\\|", -1);
				int index = segment.equals("MSH") ? field - 1 : field;
				values.add(index < fields.length ? fields[index] : "");
			}
		}
		return values;
	}

}
