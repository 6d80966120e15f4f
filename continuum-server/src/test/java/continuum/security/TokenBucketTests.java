package continuum.security;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bucket's arithmetic, on instants the test chooses. */
class TokenBucketTests {

	private static final Instant T0 = Instant.parse("2026-03-29T00:59:30Z");

	@Test
	void givesItsCapacityAtOnceThenOneTokenPerInterval() {
		TokenBucket bucket = new TokenBucket(RateLimit.valueOf("3/30s"), T0);
		for (int i = 0; i < 3; i++) {
			assertThat(bucket.take(T0)).isZero();
		}
		assertThat(bucket.take(T0)).isEqualTo(Duration.ofSeconds(10));
		assertThat(bucket.take(T0.plusSeconds(4))).isEqualTo(Duration.ofSeconds(6));
		assertThat(bucket.take(T0.plusSeconds(10))).isZero();
		assertThat(bucket.take(T0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(10));
		assertThat(bucket.waitFor(T0.plusSeconds(3600))).isZero();
		for (int i = 0; i < 3; i++) {
			assertThat(bucket.take(T0.plusSeconds(3600))).as("refilled to its capacity, no further").isZero();
		}
		assertThat(bucket.take(T0.plusSeconds(3600))).isPositive();
	}

	@Test
	void failuresLetThroughInParallelCostTheirSenderTheWait() {
		TokenBucket bucket = new TokenBucket(RateLimit.valueOf("2/1m"), T0);
		assertThat(bucket.waitFor(T0)).as("waitFor takes nothing").isZero();
		assertThat(bucket.waitFor(T0)).isZero();
		for (int i = 0; i < 10; i++) {
			bucket.spend(T0);
		}
		assertThat(bucket.waitFor(T0)).as("in debt down to minus the capacity: three intervals")
			.isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void auditsOneTripPerPeriod() {
		TokenBucket bucket = new TokenBucket(RateLimit.valueOf("1/1m"), T0);
		assertThat(bucket.firstTripOfWindow(T0)).isTrue();
		assertThat(bucket.firstTripOfWindow(T0.plusSeconds(1))).isFalse();
		assertThat(bucket.firstTripOfWindow(T0.plusSeconds(59))).isFalse();
		assertThat(bucket.firstTripOfWindow(T0.plusSeconds(60))).isTrue();
	}

	@Test
	void isIdleOnceFullAndItsTripWindowOver() {
		TokenBucket bucket = new TokenBucket(RateLimit.valueOf("2/1m"), T0);
		assertThat(bucket.idle(T0)).isTrue();
		bucket.take(T0);
		assertThat(bucket.idle(T0.plusSeconds(29))).isFalse();
		assertThat(bucket.idle(T0.plusSeconds(30))).isTrue();
		bucket.firstTripOfWindow(T0.plusSeconds(30));
		assertThat(bucket.idle(T0.plusSeconds(89))).isFalse();
		assertThat(bucket.idle(T0.plusSeconds(90))).isTrue();
	}

	@Test
	void limitsAreWrittenAsRequestsPerPeriod() {
		assertThat(RateLimit.valueOf("20/10m")).isEqualTo(new RateLimit(20, Duration.ofMinutes(10)));
		assertThat(RateLimit.valueOf("20/10m").interval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(RateLimit.valueOf(" 6000 / 1m ").toString()).isEqualTo("6000/1m");
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> RateLimit.valueOf("20")))
			.hasMessageContaining("<requests>/<period>");
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> RateLimit.valueOf("0/1m")))
			.hasMessageContaining("at least one");
	}

	@Test
	void anIpv6HostIsKeyedByItsNetwork() {
		assertThat(SourceAddress.key("192.0.2.10")).isEqualTo("192.0.2.10");
		assertThat(SourceAddress.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
		assertThat(SourceAddress.key("2001:db8:1:2::1")).isEqualTo("2001:db8:1:2::/64");
		assertThat(SourceAddress.key("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
		assertThat(SourceAddress.key(null)).isEqualTo(SourceAddress.UNKNOWN);
	}

}
