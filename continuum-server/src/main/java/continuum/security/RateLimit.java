package continuum.security;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;

/**
 * A token bucket's size: {@code capacity} requests at once, the bucket refilled evenly
 * over {@code period} (one request back every {@code period / capacity}). Written
 * {@code <capacity>/<period>} in settings: {@code 20/10m} is twenty at once, then one
 * every thirty seconds.
 */
record RateLimit(int capacity, Duration period) {

	RateLimit {
		if (capacity < 1) {
			throw new IllegalArgumentException("A rate limit allows at least one request, not " + capacity);
		}
		if (period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("A rate limit's period must be positive, not " + period);
		}
	}

	/**
	 * Parses {@code 20/10m}: the binder's conversion of a setting (public, as the
	 * conversion service looks for).
	 */
	public static RateLimit valueOf(String text) {
		int slash = text.indexOf('/');
		if (slash < 0) {
			throw new IllegalArgumentException(
					"A rate limit is written <requests>/<period>, for example 20/10m, not " + text);
		}
		return new RateLimit(Integer.parseInt(text.substring(0, slash).trim()),
				DurationStyle.detectAndParse(text.substring(slash + 1).trim()));
	}

	/** How long one request takes to come back. */
	Duration interval() {
		return period.dividedBy(capacity);
	}

	/** As written in settings, the period in its largest whole unit: {@code 20/10m}. */
	@Override
	public String toString() {
		long millis = period.toMillis();
		for (var unit : new Object[][] { { 86_400_000L, "d" }, { 3_600_000L, "h" }, { 60_000L, "m" },
				{ 1000L, "s" } }) {
			long size = (Long) unit[0];
			if (millis % size == 0) {
				return capacity + "/" + millis / size + unit[1];
			}
		}
		return capacity + "/" + millis + "ms";
	}

}
