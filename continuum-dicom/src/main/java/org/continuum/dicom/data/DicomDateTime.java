package org.continuum.dicom.data;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;

/**
 * Parsing of DT values (PS3.5 Table 6.2-1):
 * {@code YYYY[MM[DD[HH[MM[SS[.FFFFFF]]]]]][&ZZXX]}; missing components default to their
 * minimum. With a UTC offset suffix the result is an {@link OffsetDateTime}, otherwise a
 * {@link LocalDateTime} (the offset then comes from Timezone Offset From UTC (0008,0201),
 * if at all).
 */
public final class DicomDateTime {

	private DicomDateTime() {
	}

	public static Temporal parse(String dt) {
		String s = dt.trim();
		ZoneOffset offset = null;
		int sign = Math.max(s.indexOf('+'), s.indexOf('-'));
		try {
			if (sign > 0) {
				offset = ZoneOffset.of(s.substring(sign, sign + 3) + ":" + s.substring(sign + 3));
				s = s.substring(0, sign);
			}
			if (s.length() < 4) {
				throw new IllegalArgumentException("not a DT value: " + dt);
			}
			int year = Integer.parseInt(s.substring(0, 4));
			int month = s.length() >= 6 ? Integer.parseInt(s.substring(4, 6)) : 1;
			int day = s.length() >= 8 ? Integer.parseInt(s.substring(6, 8)) : 1;
			LocalDateTime date = LocalDateTime.of(year, month, day, 0, 0);
			LocalDateTime result = s.length() > 8 ? date.with(DicomTime.parse(s.substring(8))) : date;
			return offset == null ? result : result.atOffset(offset);
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException("not a DT value: " + dt, e);
		}
	}

}
