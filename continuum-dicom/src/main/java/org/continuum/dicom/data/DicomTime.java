package org.continuum.dicom.data;

import java.time.LocalTime;

/**
 * Parsing of TM values (PS3.5 Table 6.2-1): "HH", "HHMM", "HHMMSS" or "HHMMSS.FFFFFF",
 * and legacy "HH:MM:SS".
 */
public final class DicomTime {

	private DicomTime() {
	}

	public static LocalTime parse(String tm) {
		String s = tm.trim().replace(":", "");
		if (s.length() < 2) {
			throw new IllegalArgumentException("not a TM value: " + tm);
		}
		try {
			int hour = Integer.parseInt(s.substring(0, 2));
			int minute = s.length() >= 4 ? Integer.parseInt(s.substring(2, 4)) : 0;
			int second = s.length() >= 6 ? Integer.parseInt(s.substring(4, 6)) : 0;
			int nanos = 0;
			if (s.length() > 7 && s.charAt(6) == '.') {
				String fraction = (s.substring(7) + "000000").substring(0, 6);
				nanos = Integer.parseInt(fraction) * 1000;
			}
			return LocalTime.of(hour, minute, second, nanos);
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException("not a TM value: " + tm, e);
		}
	}

}
