package org.continuum.dicom.net.service;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.DataElement;
import org.continuum.dicom.data.DateRange;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;

/**
 * Attribute matching of C-FIND identifiers (PS3.4 §C.2.2.2): universal (empty key),
 * single value, wildcard ({@code *} and {@code ?}, not for dates, times and UIDs), list
 * of UIDs and date range. Matching is case-sensitive except for PN, as the standard
 * permits. Sequence keys match only as universal.
 */
public final class KeyMatcher {

	private KeyMatcher() {
	}

	/**
	 * True if {@code candidate} matches every non-empty key of {@code keys}
	 * (QueryRetrieveLevel and group 0008,0005 aside).
	 */
	public static boolean matches(Attributes keys, Attributes candidate) {
		for (DataElement key : keys) {
			int tag = key.tag();
			if (tag == Tag.QueryRetrieveLevel || tag == Tag.SpecificCharacterSet || key.isSequence()
					|| !key.vr().isString()) {
				continue;
			}
			String pattern = keys.getString(tag);
			String[] patterns = keys.getStrings(tag);
			if (pattern == null || pattern.isEmpty() || pattern.equals("*")) {
				continue;
			}
			String[] values = candidate.getStrings(tag);
			if (!matchesAny(key.vr(), patterns, pattern, values)) {
				return false;
			}
		}
		return true;
	}

	private static boolean matchesAny(VR vr, String[] patterns, String pattern, String[] values) {
		if (vr == VR.UI) {
			return Arrays.stream(values).anyMatch(v -> Arrays.asList(patterns).contains(v));
		}
		if (vr == VR.DA) {
			DateRange range = DateRange.parse(pattern);
			return Arrays.stream(values).anyMatch(v -> !v.isEmpty() && range.contains(DateRange.parseDate(v)));
		}
		if (vr == VR.TM || vr == VR.DT) {
			return rangeMatch(pattern, values);
		}
		Pattern regex = wildcard(pattern, vr == VR.PN);
		return Arrays.stream(values).anyMatch(v -> regex.matcher(v).matches());
	}

	private static boolean rangeMatch(String pattern, String[] values) {
		int dash = pattern.indexOf('-');
		if (dash < 0) {
			return Arrays.asList(values).contains(pattern);
		}
		String lo = pattern.substring(0, dash);
		String hi = pattern.substring(dash + 1);
		return Arrays.stream(values)
			.anyMatch(v -> (lo.isEmpty() || v.compareTo(lo) >= 0)
					&& (hi.isEmpty() || v.compareTo(hi.length() < v.length() ? hi + "\uffff" : hi) <= 0));
	}

	static Pattern wildcard(String pattern, boolean ignoreCase) {
		StringBuilder re = new StringBuilder();
		for (char c : pattern.toCharArray()) {
			if (c == '*') {
				re.append(".*");
			}
			else if (c == '?') {
				re.append('.');
			}
			else {
				re.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
	}

	/**
	 * The response identifier (PS3.4 §C.4.1.1.3.2): every requested key with the
	 * candidate's value (or empty), plus QueryRetrieveLevel and the candidate's Specific
	 * Character Set.
	 */
	public static Attributes project(Attributes keys, Attributes candidate) {
		Attributes out = new Attributes();
		if (candidate.contains(Tag.SpecificCharacterSet)) {
			out.set(candidate.get(Tag.SpecificCharacterSet));
		}
		for (DataElement key : keys) {
			DataElement value = candidate.get(key.tag());
			if (key.tag() == Tag.QueryRetrieveLevel || key.tag() == Tag.SpecificCharacterSet) {
				continue;
			}
			out.set(value != null ? value : DataElement.ofBytes(key.tag(), key.vr(), null));
		}
		String level = keys.getString(Tag.QueryRetrieveLevel);
		if (level != null) {
			out.setString(Tag.QueryRetrieveLevel, VR.CS, level);
		}
		return out;
	}

	/** Parses a DA key value as a date, for handlers that index dates. */
	public static LocalDate date(String da) {
		return DateRange.parseDate(da);
	}

}
