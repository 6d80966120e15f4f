package org.continuum.dicom.data;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * A DA value or a date range as used in matching keys (PS3.4 §C.2.2.2.5): "20230101",
 * "20230101-20230630", "-20230630" or "20230101-". Open ends are {@code null}.
 */
public record DateRange(@Nullable LocalDate from, @Nullable LocalDate to) {

	private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

	public static DateRange parse(String value) {
		String v = value.trim();
		int dash = v.indexOf('-');
		if (dash < 0) {
			LocalDate d = parseDate(v);
			return new DateRange(d, d);
		}
		String lo = v.substring(0, dash).trim();
		String hi = v.substring(dash + 1).trim();
		return new DateRange(lo.isEmpty() ? null : parseDate(lo), hi.isEmpty() ? null : parseDate(hi));
	}

	/**
	 * Parses a DA value (PS3.5 Table 6.2-1), also accepting the ACR-NEMA form
	 * "YYYY.MM.DD".
	 */
	public static LocalDate parseDate(String da) {
		String s = da.trim().replace(".", "");
		try {
			return LocalDate.parse(s, DA);
		}
		catch (DateTimeParseException e) {
			throw new IllegalArgumentException("not a DA value: " + da, e);
		}
	}

	public static String format(LocalDate date) {
		return date.format(DA);
	}

	public boolean contains(LocalDate date) {
		return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
	}
}
