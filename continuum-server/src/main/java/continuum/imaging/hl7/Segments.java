package continuum.imaging.hl7;

import java.util.ArrayList;
import java.util.List;

/**
 * A received message's segments in ER7 form, read with its own delimiters (MSH-1, MSH-2):
 * fields, components and the first repetition, unescaped (HL7 v2.5.1 §2.7.4). The imaging
 * handlers read a few fields by position; HAPI's group structures of OMI and ORM differ
 * while their segments do not.
 */
final class Segments {

	/**
	 * One segment: its id, its sequence among segments of that id (from 1), its fields.
	 */
	record Segment(String id, int sequence, String[] fields, char component, char repetition, char escape) {

		/**
		 * Field {@code n} (MSH-3 is {@code field(3)} as for any segment), first
		 * repetition.
		 */
		String field(int n) {
			int index = id.equals("MSH") ? n - 1 : n;
			if (index < 1 || index >= fields.length) {
				return "";
			}
			String value = fields[index];
			int rep = value.indexOf(repetition);
			return rep < 0 ? value : value.substring(0, rep);
		}

		/** Component {@code c} (from 1) of field {@code n}, unescaped. */
		String component(int n, int c) {
			String[] components = field(n).split(java.util.regex.Pattern.quote(String.valueOf(component)), -1);
			return c <= components.length ? unescape(components[c - 1]).strip() : "";
		}

		private String unescape(String text) {
			if (text.indexOf(escape) < 0) {
				return text;
			}
			String e = String.valueOf(escape);
			return text.replace(e + "F" + e, "|")
				.replace(e + "S" + e, String.valueOf(component))
				.replace(e + "R" + e, String.valueOf(repetition))
				.replace(e + "T" + e, "&")
				.replace(e + "E" + e, e);
		}

	}

	private Segments() {
	}

	static List<Segment> of(String raw) {
		List<Segment> segments = new ArrayList<>();
		char fieldSeparator = raw.length() > 3 ? raw.charAt(3) : '|';
		String encoding = raw.length() > 8 ? raw.substring(4, 8) : "^~\\&";
		java.util.Map<String, Integer> counts = new java.util.HashMap<>();
		for (String line : raw.split("[\r\n]+")) {
			if (line.length() < 3) {
				continue;
			}
			String id = line.substring(0, 3);
			int sequence = counts.merge(id, 1, Integer::sum);
			segments.add(new Segment(id, sequence,
					line.split(java.util.regex.Pattern.quote(String.valueOf(fieldSeparator)), -1), encoding.charAt(0),
					encoding.charAt(1), encoding.charAt(2)));
		}
		return segments;
	}

}
