package continuum.continuity.node;

import org.jspecify.annotations.Nullable;

/**
 * Reads the numbers the downtime API takes in its query: positions and cursors in
 * canonical decimal (no sign, no leading zero, no space), limits within the protocol's
 * bounds. Anything else is a {@link BadParameterException} naming the parameter.
 */
final class QueryParameters {

	private QueryParameters() {
	}

	/** A position of 0 or more; {@code fallback} when absent. */
	static long position(String name, @Nullable String value, long fallback) {
		if (value == null) {
			return fallback;
		}
		if (!value.matches("0|[1-9][0-9]{0,18}")) {
			throw new BadParameterException("'" + name + "' must be a whole number of 0 or more");
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new BadParameterException("'" + name + "' is too large");
		}
	}

	/** A limit from 1 to {@code maximum}; {@code fallback} when absent. */
	static int limit(@Nullable String value, int fallback, int maximum) {
		if (value == null) {
			return fallback;
		}
		if (!value.matches("[1-9][0-9]{0,8}") || Integer.parseInt(value) > maximum) {
			throw new BadParameterException("'limit' must be a whole number from 1 to " + maximum);
		}
		return Integer.parseInt(value);
	}

}
