package continuum.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import continuum.security.RateLimiter.Limit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limiter's buckets per key on a clock the test moves, its memory bound, its switch,
 * and the settings as an operator writes them.
 */
class RateLimiterTests {

	private final MovableClock clock = new MovableClock(Instant.parse("2026-10-25T01:30:00Z"));

	@Test
	void eachKeyHasItsOwnBucket() {
		RateLimiter limiter = limiter(settings(true, 100));
		assertThat(limiter.take(Limit.API_USER, "nurse")).isZero();
		assertThat(limiter.take(Limit.API_USER, "nurse")).isZero();
		assertThat(limiter.take(Limit.API_USER, "nurse")).isEqualTo(Duration.ofSeconds(30));
		assertThat(limiter.take(Limit.API_USER, "physician")).as("another user").isZero();
		assertThat(limiter.take(Limit.UNAUTHENTICATED, "nurse")).as("another limit").isZero();
		clock.move(Duration.ofSeconds(30));
		assertThat(limiter.take(Limit.API_USER, "nurse")).isZero();
	}

	@Test
	void failuresAreCountedWithoutTakingATokenUntilTheyAreSpent() {
		RateLimiter limiter = limiter(settings(true, 100));
		assertThat(limiter.waitFor(Limit.SIGN_IN_ACCOUNT, "interface")).isZero();
		limiter.spend(Limit.SIGN_IN_ACCOUNT, "interface");
		assertThat(limiter.waitFor(Limit.SIGN_IN_ACCOUNT, "interface")).isZero();
		limiter.spend(Limit.SIGN_IN_ACCOUNT, "interface");
		assertThat(limiter.waitFor(Limit.SIGN_IN_ACCOUNT, "interface")).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void keepsAtMostTheTrackedKeys() {
		RateLimiter limiter = limiter(settings(true, 100));
		for (int i = 0; i < 1000; i++) {
			limiter.take(Limit.UNAUTHENTICATED, "192.0.2." + i);
		}
		assertThat(limiter.tracked(Limit.UNAUTHENTICATED)).isLessThanOrEqualTo(100);
		clock.move(Duration.ofMinutes(5));
		limiter.take(Limit.UNAUTHENTICATED, "198.51.100.1");
		assertThat(limiter.tracked(Limit.UNAUTHENTICATED)).as("idle buckets forgotten first").isEqualTo(1);
	}

	@Test
	void switchedOffItLetsEverythingThrough() {
		RateLimiter limiter = limiter(settings(false, 100));
		for (int i = 0; i < 10; i++) {
			assertThat(limiter.take(Limit.API_USER, "nurse")).isZero();
			limiter.spend(Limit.SIGN_IN_ADDRESS, "192.0.2.1");
		}
		assertThat(limiter.waitFor(Limit.SIGN_IN_ADDRESS, "192.0.2.1")).isZero();
	}

	@Test
	void operatorsWriteLimitsAsRequestsPerPeriod() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
					java.util.Map.of("CONTINUUM_SECURITY_RATELIMIT_SIGNINADDRESS", "50/15m",
							"CONTINUUM_SECURITY_RATELIMIT_APIUSER", "12000/1m",
							"CONTINUUM_SECURITY_RATELIMIT_KNOWNADDRESSLIFETIME", "30d")));
		ConfigurationPropertySources.attach(environment);
		RateLimitSettings bound = Binder.get(environment)
			.bindOrCreate("continuum.security.rate-limit", RateLimitSettings.class);
		assertThat(bound.signInAddress()).isEqualTo(new RateLimit(50, Duration.ofMinutes(15)));
		assertThat(bound.apiUser()).isEqualTo(new RateLimit(12000, Duration.ofMinutes(1)));
		assertThat(bound.knownAddressLifetime()).isEqualTo(Duration.ofDays(30));
		assertThat(bound.signInAccount()).as("default").isEqualTo(new RateLimit(10, Duration.ofHours(1)));
		assertThat(bound.unauthenticated()).as("default").isEqualTo(new RateLimit(60, Duration.ofMinutes(1)));
		assertThat(bound.enabled()).isTrue();
	}

	private RateLimiter limiter(RateLimitSettings settings) {
		return new RateLimiter(settings, clock, null, new SimpleMeterRegistry());
	}

	private static RateLimitSettings settings(boolean enabled, int trackedKeys) {
		return new RateLimitSettings(enabled, RateLimit.valueOf("3/1m"), RateLimit.valueOf("2/1h"),
				RateLimit.valueOf("60/1m"), RateLimit.valueOf("2/1m"), Duration.ofDays(90), trackedKeys);
	}

	/** A clock the test moves forward. */
	static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant start) {
			this.now = start;
		}

		void move(Duration by) {
			now = now.plus(by);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
