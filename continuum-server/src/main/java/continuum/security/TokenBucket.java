package continuum.security;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One address's or account's bucket of a {@link RateLimit}: full at first, one token per
 * request or failure, refilled evenly over the limit's period. Failures may take it into
 * debt down to minus its capacity, so that a burst of parallel guesses let through while
 * a token was left costs its sender the wait. Remembers when a trip was last audited, so
 * that a trip is audited once per period however many requests it refuses.
 */
final class TokenBucket {

	private final RateLimit limit;

	private double tokens;

	private Instant updated;

	private @Nullable Instant tripAudited;

	TokenBucket(RateLimit limit, Instant now) {
		this.limit = limit;
		this.tokens = limit.capacity();
		this.updated = now;
	}

	/** Takes a token if there is one: zero; otherwise how long until there is one. */
	synchronized Duration take(Instant now) {
		refill(now);
		if (tokens >= 1) {
			tokens -= 1;
			return Duration.ZERO;
		}
		return untilOne();
	}

	/** Zero if a token is there (taking none); otherwise how long until there is one. */
	synchronized Duration waitFor(Instant now) {
		refill(now);
		return tokens >= 1 ? Duration.ZERO : untilOne();
	}

	/** Takes a token for a failure, into debt if none is left. */
	synchronized void spend(Instant now) {
		refill(now);
		tokens = Math.max(-limit.capacity(), tokens - 1);
	}

	/**
	 * Whether a refusal now is the first of its window, to be audited (and marks it so).
	 */
	synchronized boolean firstTripOfWindow(Instant now) {
		if (tripAudited == null || !now.isBefore(tripAudited.plus(limit.period()))) {
			tripAudited = now;
			return true;
		}
		return false;
	}

	/**
	 * Whether the bucket is as a new one would be (full, no trip audited within the
	 * period), so that forgetting it changes nothing.
	 */
	synchronized boolean idle(Instant now) {
		refill(now);
		return tokens >= limit.capacity() && (tripAudited == null || !now.isBefore(tripAudited.plus(limit.period())));
	}

	private void refill(Instant now) {
		if (now.isAfter(updated)) {
			double elapsed = Duration.between(updated, now).toNanos();
			tokens = Math.min(limit.capacity(), tokens + elapsed * limit.capacity() / limit.period().toNanos());
			updated = now;
		}
	}

	private Duration untilOne() {
		return Duration.ofNanos((long) Math.ceil((1 - tokens) * limit.period().toNanos() / limit.capacity()));
	}

}
