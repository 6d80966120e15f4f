package continuum.imaging.pacs;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * Lenient reading of DA, TM and IS values for the index (PS3.5 §6.2): a value that does
 * not parse is indexed as absent, never a reason to refuse an object.
 */
final class DicomValues {

	private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

	private DicomValues() {
	}

	static @Nullable LocalDate date(@Nullable String da) {
		if (da == null || da.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(da.strip(), DA);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** HH, HHMM, HHMMSS or HHMMSS.FFFFFF (PS3.5 Table 6.2-1, TM). */
	static @Nullable LocalTime time(@Nullable String tm) {
		if (tm == null) {
			return null;
		}
		String value = tm.strip().replace(":", "");
		if (!value.matches("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?")) {
			return null;
		}
		int hour = Integer.parseInt(value.substring(0, 2));
		int minute = value.length() >= 4 ? Integer.parseInt(value.substring(2, 4)) : 0;
		int second = value.length() >= 6 ? Math.min(Integer.parseInt(value.substring(4, 6)), 59) : 0;
		int nanos = 0;
		if (value.length() > 7) {
			String fraction = (value.substring(7) + "000000").substring(0, 6);
			nanos = Integer.parseInt(fraction) * 1000;
		}
		if (hour > 23 || minute > 59) {
			return null;
		}
		return LocalTime.of(hour, minute, second, nanos);
	}

	static @Nullable Integer integer(@Nullable String is) {
		if (is == null || is.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(is.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
