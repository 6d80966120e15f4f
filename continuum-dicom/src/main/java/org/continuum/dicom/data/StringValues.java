package org.continuum.dicom.data;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Encoding and decoding of character string values (PS3.5 §6.2): backslash separates
 * values of multi-valued VRs, values are padded to even length with the VR's padding
 * byte, and leading/trailing spaces are not significant except leading spaces in the text
 * VRs (LT, ST, UT, UR).
 */
final class StringValues {

	private StringValues() {
	}

	static String[] decode(byte[] bytes, VR vr, Charset charset) {
		String s = new String(bytes, charset);
		if (vr.kind() == VR.Kind.TEXT) {
			return new String[] { stripTrailing(s) };
		}
		if (s.isEmpty()) {
			return new String[0];
		}
		List<String> values = new ArrayList<>();
		int start = 0;
		for (int i = 0; i <= s.length(); i++) {
			if (i == s.length() || s.charAt(i) == '\\') {
				values.add(s.substring(start, i).strip().replace("\0", ""));
				start = i + 1;
			}
		}
		return values.toArray(new String[0]);
	}

	static byte[] encode(String[] values, VR vr, Charset charset) {
		String joined = vr.kind() == VR.Kind.TEXT ? (values.length == 0 ? "" : values[0]) : String.join("\\", values);
		byte[] raw = joined.getBytes(charset);
		if ((raw.length & 1) == 0) {
			return raw;
		}
		byte[] padded = new byte[raw.length + 1];
		System.arraycopy(raw, 0, padded, 0, raw.length);
		padded[raw.length] = vr.padding();
		return padded;
	}

	private static String stripTrailing(String s) {
		int end = s.length();
		while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
			end--;
		}
		return s.substring(0, end);
	}

}
