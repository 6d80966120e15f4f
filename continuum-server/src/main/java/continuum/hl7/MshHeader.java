package continuum.hl7;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The fields of a message's MSH segment that the transport needs before (or without) a
 * full parse: who sent it, its control id, type, processing id, version, acknowledgement
 * types (MSH-15/16) and character set (MSH-18). Read from the raw text with the message's
 * own field separator and encoding characters (HL7 v2.5.1 §2.5.4), so that even a message
 * HAPI cannot parse gets the best acknowledgement one can build.
 */
record MshHeader(char fieldSeparator, String encodingCharacters, String sendingApplication, String sendingFacility,
		String receivingApplication, String receivingFacility, @Nullable String controlId, @Nullable String type,
		String processingId, String version, String acceptAckType, String applicationAckType, String charset) {

	/** The header of a text that starts with an MSH segment, if it does. */
	static Optional<MshHeader> read(String text) {
		String start = text.stripLeading();
		if (!start.startsWith("MSH") || start.length() < 8) {
			return Optional.empty();
		}
		char separator = start.charAt(3);
		int end = segmentEnd(start);
		String[] fields = start.substring(0, end).split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
		// fields[0] = "MSH", fields[1] = MSH-2 (encoding characters), fields[n] =
		// MSH-(n+1)
		String encoding = fields.length > 1 ? fields[1] : "";
		char component = encoding.isEmpty() ? '^' : encoding.charAt(0);
		return Optional.of(new MshHeader(separator, encoding, field(fields, 3), field(fields, 4), field(fields, 5),
				field(fields, 6), blankToNull(firstComponent(field(fields, 10), component)),
				blankToNull(type(field(fields, 9), component)), firstComponent(field(fields, 11), component),
				firstComponent(field(fields, 12), component), field(fields, 15), field(fields, 16), field(fields, 18)));
	}

	/** Whether the message asks for enhanced acknowledgement (MSH-15 or MSH-16 set). */
	boolean enhancedMode() {
		return !acceptAckType.isBlank() || !applicationAckType.isBlank();
	}

	/** Whether the field separator and encoding characters are the ones of §2.5.4. */
	boolean standardEncoding() {
		return fieldSeparator == '|' && (encodingCharacters.equals("^~\\&") || encodingCharacters.equals("^~\\&#"));
	}

	/** The character set of MSH-18 (first repetition); UTF-8 when empty or unknown. */
	static Charset charsetOf(String msh18) {
		String name = msh18.split("~", -1)[0].strip().toUpperCase(java.util.Locale.ROOT);
		return switch (name) {
			case "8859/1" -> StandardCharsets.ISO_8859_1;
			case "ASCII" -> StandardCharsets.US_ASCII;
			case "UNICODE UTF-16" -> StandardCharsets.UTF_16;
			default -> StandardCharsets.UTF_8;
		};
	}

	private static int segmentEnd(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\r' || c == '\n') {
				return i;
			}
		}
		return text.length();
	}

	/** MSH-n, where fields[0] is the segment id and MSH-1 is the separator itself. */
	private static String field(String[] fields, int number) {
		int index = number - 1;
		String value = index < fields.length ? fields[index] : "";
		return value.length() > 200 ? value.substring(0, 200) : value;
	}

	private static String firstComponent(String field, char component) {
		int at = field.indexOf(component);
		return (at < 0 ? field : field.substring(0, at)).strip();
	}

	/** "ORU^R01" from MSH-9 "ORU^R01^ORU_R01". */
	private static String type(String field, char component) {
		String[] parts = field.split(java.util.regex.Pattern.quote(String.valueOf(component)), -1);
		String code = parts[0].strip();
		return parts.length > 1 && !parts[1].isBlank() ? code + "^" + parts[1].strip() : code;
	}

	private static @Nullable String blankToNull(String value) {
		return value.isBlank() ? null : value;
	}

}
