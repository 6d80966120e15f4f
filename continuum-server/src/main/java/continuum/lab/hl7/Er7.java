package continuum.lab.hl7;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * Writes an HL7 v2 message in ER7 (pipe) form with the standard delimiters {@code |^~\&}
 * (HL7 v2.5.1 §2.5.4): segments end with CR, and text is escaped
 * ({@code \F\ \S\ \R\ \E\ \T\}, §2.7.1) so a patient named with a caret cannot break a
 * field.
 */
public final class Er7 {

	static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");

	private final StringBuilder text = new StringBuilder();

	/**
	 * Appends a segment; fields are already encoded (see {@link #esc}, {@link #comp}).
	 */
	public Er7 segment(String name, @Nullable String... fields) {
		text.append(name);
		int last = fields.length;
		while (last > 0 && (fields[last - 1] == null || fields[last - 1].isEmpty())) {
			last--;
		}
		for (int i = 0; i < last; i++) {
			text.append('|').append(fields[i] == null ? "" : fields[i]);
		}
		text.append('\r');
		return this;
	}

	/** The MSH segment: MSH-1 and MSH-2 are written here, fields from MSH-3 on given. */
	public Er7 msh(String sendingApp, String sendingFacility, String receivingApp, String receivingFacility, Instant at,
			String type, String controlId, @Nullable String acceptAck, @Nullable String applicationAck) {
		text.append("MSH|^~\\&|");
		String[] fields = { esc(sendingApp), esc(sendingFacility), esc(receivingApp), esc(receivingFacility), dtm(at),
				"", type, esc(controlId), "P", "2.5.1", "", "", acceptAck, applicationAck, "", "UNICODE UTF-8" };
		int last = fields.length;
		while (last > 0 && (fields[last - 1] == null || fields[last - 1].isEmpty())) {
			last--;
		}
		for (int i = 0; i < last; i++) {
			text.append(i == 0 ? "" : "|").append(fields[i] == null ? "" : fields[i]);
		}
		text.append('\r');
		return this;
	}

	public String build() {
		return text.toString();
	}

	/** Text escaped for a field, component or subcomponent. */
	public static String esc(@Nullable String value) {
		if (value == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(value.length() + 8);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '|' -> out.append("\\F\\");
				case '^' -> out.append("\\S\\");
				case '~' -> out.append("\\R\\");
				case '&' -> out.append("\\T\\");
				case '\\' -> out.append("\\E\\");
				case '\r', '\n' -> out.append(' ');
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	/** Components, each escaped, joined with {@code ^}; trailing empty ones dropped. */
	public static String comp(@Nullable String... components) {
		int last = components.length;
		while (last > 0 && (components[last - 1] == null || components[last - 1].isEmpty())) {
			last--;
		}
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < last; i++) {
			if (i > 0) {
				out.append('^');
			}
			out.append(esc(components[i]));
		}
		return out.toString();
	}

	/** A DTM with seconds and offset, in the hospital's zone. */
	public static String dtm(@Nullable Instant at) {
		return at == null ? "" : DTM.format(at.atZone(ZONE));
	}

}
