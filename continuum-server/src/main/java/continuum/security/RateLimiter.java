package continuum.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import continuum.audit.Actor;
import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The abuse limits' token buckets, one per address or account and limit, in this node's
 * memory (a cluster of N nodes allows N times each limit). Every refusal is counted in
 * {@code continuum.rate.limit.refusals} and each trip in
 * {@code continuum.rate.limit.trips}, tagged with the limit's name only; a trip is
 * audited once per limit, key and period, so that the limiter never floods the audit log
 * it protects.
 */
@Component
class RateLimiter {

	/** The limits, by their names in settings, metrics and the audit log. */
	enum Limit {

		SIGN_IN_ADDRESS("sign-in-address"), SIGN_IN_ACCOUNT("sign-in-account"), UNAUTHENTICATED("unauthenticated"),
		API_USER("api-user");

		private final String label;

		Limit(String label) {
			this.label = label;
		}

		String label() {
			return label;
		}

	}

	private final RateLimitSettings settings;

	private final Clock clock;

	private final AuditService audit;

	private final Map<Limit, RateLimit> limits = new EnumMap<>(Limit.class);

	private final Map<Limit, ConcurrentHashMap<String, TokenBucket>> buckets = new EnumMap<>(Limit.class);

	private final Map<Limit, Counter> refusals = new EnumMap<>(Limit.class);

	private final Map<Limit, Counter> trips = new EnumMap<>(Limit.class);

	RateLimiter(RateLimitSettings settings, Clock clock, AuditService audit, MeterRegistry meters) {
		this.settings = settings;
		this.clock = clock;
		this.audit = audit;
		limits.put(Limit.SIGN_IN_ADDRESS, settings.signInAddress());
		limits.put(Limit.SIGN_IN_ACCOUNT, settings.signInAccount());
		limits.put(Limit.UNAUTHENTICATED, settings.unauthenticated());
		limits.put(Limit.API_USER, settings.apiUser());
		for (Limit limit : Limit.values()) {
			buckets.put(limit, new ConcurrentHashMap<>());
			refusals.put(limit,
					Counter.builder("continuum.rate.limit.refusals")
						.description("Requests refused with 429 by an abuse limit")
						.tag("limit", limit.label())
						.register(meters));
			trips.put(limit,
					Counter.builder("continuum.rate.limit.trips")
						.description("Abuse limits tripped (audited once per limit, address or account and period)")
						.tag("limit", limit.label())
						.register(meters));
		}
	}

	/** Takes a token for a request: zero, or how long to wait before the next one. */
	Duration take(Limit limit, String key) {
		if (!settings.enabled()) {
			return Duration.ZERO;
		}
		return bucket(limit, key).take(clock.instant());
	}

	/** Zero if the key may try now (taking nothing), or how long it must wait. */
	Duration waitFor(Limit limit, String key) {
		if (!settings.enabled()) {
			return Duration.ZERO;
		}
		TokenBucket bucket = buckets.get(limit).get(key);
		return bucket == null ? Duration.ZERO : bucket.waitFor(clock.instant());
	}

	/** Counts a failure against the key. */
	void spend(Limit limit, String key) {
		if (settings.enabled()) {
			bucket(limit, key).spend(clock.instant());
		}
	}

	/**
	 * Counts a refusal, and audits it (as a denied {@code action} of a {@code RateLimit},
	 * by {@code actor}) if it is the first of its window.
	 */
	void refused(Limit limit, String key, Actor actor, AuditAction action, Duration wait) {
		refusals.get(limit).increment();
		TokenBucket bucket = buckets.get(limit).get(key);
		if (bucket != null && bucket.firstTripOfWindow(clock.instant())) {
			trips.get(limit).increment();
			audit.recordAs(actor,
					new AuditEntry(action, "RateLimit", limit.label(), null, AuditOutcome.DENIED, "rate limit "
							+ limit.label() + " (" + limits.get(limit) + ") tripped: refused for " + seconds(wait)
							+ " s; further refusals of the same key within the period are counted, " + "not audited"));
		}
	}

	static long seconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

	private TokenBucket bucket(Limit limit, String key) {
		ConcurrentHashMap<String, TokenBucket> map = buckets.get(limit);
		Instant now = clock.instant();
		TokenBucket bucket = map.get(key);
		if (bucket == null) {
			if (map.size() >= settings.trackedKeys()) {
				forgetIdle(map, now);
			}
			bucket = map.computeIfAbsent(key, k -> new TokenBucket(limits.get(limit), now));
		}
		return bucket;
	}

	/**
	 * Forgets the buckets a new one would equal; if that is not enough (an attack from
	 * more addresses than {@code trackedKeys}), forgets buckets until a tenth is free.
	 */
	private void forgetIdle(ConcurrentHashMap<String, TokenBucket> map, Instant now) {
		map.values().removeIf(bucket -> bucket.idle(now));
		Iterator<String> keys = map.keySet().iterator();
		while (map.size() > settings.trackedKeys() * 9L / 10 && keys.hasNext()) {
			keys.next();
			keys.remove();
		}
	}

	/** How many keys a limit tracks now (for tests and the docs' memory bound). */
	int tracked(Limit limit) {
		return buckets.get(limit).size();
	}

}
