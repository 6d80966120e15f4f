package continuum.continuity;

import java.util.Locale;

/**
 * An outage (opened by probes or declared by IT), or a planned maintenance window
 * declared ahead.
 */
public enum IncidentKind {

	OUTAGE, MAINTENANCE;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static IncidentKind of(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
