package continuum.continuity;

import java.util.Locale;

/**
 * How badly an incident hits its components, as status pages grade it: {@code minor}
 * degrades them, {@code major} is a partial outage, {@code critical} a major outage.
 */
public enum Impact {

	NONE, MINOR, MAJOR, CRITICAL;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Impact of(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
