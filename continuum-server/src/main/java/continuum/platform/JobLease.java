package continuum.platform;

import java.time.Instant;

/**
 * A background job's lease as the database holds it: the node that holds (or last held)
 * it, since when, its last renewal and its expiry, all by the database's clock;
 * {@code live} when it had not expired at the database's time of reading.
 */
public record JobLease(String job, String holder, Instant acquiredAt, Instant renewedAt, Instant expiresAt,
		boolean live) {
}
