package continuum.subscriptions;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Subscriptions ({@code continuum.subscriptions.*}, docs/operations.md, "Subscriptions"):
 * how often the change feed is looked at, the retry schedule of a failing endpoint and
 * when a subscription that keeps failing is set to {@code error}, the HTTP timeouts, and
 * the hosts that may be notified over plain {@code http://} (none by default: endpoints
 * are {@code https://}).
 */
@Validated
@ConfigurationProperties("continuum.subscriptions")
record SubscriptionSettings(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration pollInterval,
		@Min(1) @Max(5000) @DefaultValue("500") int batchSize, @DefaultValue("10s") Duration backoffBase,
		@DefaultValue("10m") Duration backoffMax, @Min(1) @Max(1000) @DefaultValue("10") int maxFailures,
		@DefaultValue("24h") Duration maxFailingFor, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration requestTimeout, @DefaultValue List<String> plainHttpHosts) {

	SubscriptionSettings {
		if (backoffBase.isNegative() || backoffBase.isZero() || backoffMax.compareTo(backoffBase) < 0) {
			throw new IllegalArgumentException("backoff-base must be positive and backoff-max at least backoff-base");
		}
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("poll-interval must be positive");
		}
		plainHttpHosts = plainHttpHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
	}

	/** The wait before the next attempt after {@code failures} failed ones. */
	Duration backoff(int failures) {
		Duration wait = backoffBase;
		for (int i = 1; i < failures && wait.compareTo(backoffMax) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
	}

}
