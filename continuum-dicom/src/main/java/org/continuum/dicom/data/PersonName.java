package org.continuum.dicom.data;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A Person Name (PN) value per PS3.5 §6.2.1: up to three component groups (alphabetic,
 * ideographic, phonetic) separated by '=', each with five components separated by '^' —
 * family, given, middle, prefix, suffix.
 */
public record PersonName(String familyName, String givenName, String middleName, String prefix, String suffix,
		String ideographic, String phonetic) {

	public PersonName {
		familyName = nullToEmpty(familyName);
		givenName = nullToEmpty(givenName);
		middleName = nullToEmpty(middleName);
		prefix = nullToEmpty(prefix);
		suffix = nullToEmpty(suffix);
		ideographic = nullToEmpty(ideographic);
		phonetic = nullToEmpty(phonetic);
	}

	public static PersonName of(String familyName, String givenName) {
		return new PersonName(familyName, givenName, "", "", "", "", "");
	}

	public static PersonName parse(String value) {
		String[] groups = value.split("=", -1);
		String[] c = Arrays.copyOf(groups[0].split("\\^", -1), 5);
		return new PersonName(c[0], c[1], c[2], c[3], c[4], groups.length > 1 ? groups[1] : "",
				groups.length > 2 ? groups[2] : "");
	}

	/**
	 * The encoded value, with trailing empty components and groups removed (PS3.5
	 * §6.2.1.1).
	 */
	@Override
	public String toString() {
		String alphabetic = trimTrailing(String.join("^", familyName, givenName, middleName, prefix, suffix), '^');
		return trimTrailing(String.join("=", alphabetic, ideographic, phonetic), '=');
	}

	private static String trimTrailing(String s, char separator) {
		int end = s.length();
		while (end > 0 && s.charAt(end - 1) == separator) {
			end--;
		}
		return s.substring(0, end);
	}

	private static String nullToEmpty(@Nullable String s) {
		return s == null ? "" : s;
	}
}
