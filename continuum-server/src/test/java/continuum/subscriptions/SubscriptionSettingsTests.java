package continuum.subscriptions;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionSettingsTests {

	static SubscriptionSettings settings(Duration base, Duration max) {
		return new SubscriptionSettings(true, Duration.ofSeconds(1), 500, base, max, 10, Duration.ofHours(24),
				Duration.ofSeconds(5), Duration.ofSeconds(10), List.of(" LocalHost "));
	}

	@Test
	void theWaitDoublesFromTheBaseUpToTheMaximum() {
		SubscriptionSettings settings = settings(Duration.ofSeconds(10), Duration.ofMinutes(1));
		assertThat(List.of(1, 2, 3, 4, 5, 40).stream().map(settings::backoff)).containsExactly(Duration.ofSeconds(10),
				Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofMinutes(1), Duration.ofMinutes(1),
				Duration.ofMinutes(1));
		assertThat(settings.plainHttpHosts()).containsExactly("localhost");
	}

	@Test
	void aMaximumBelowTheBaseIsRefused() {
		assertThatThrownBy(() -> settings(Duration.ofMinutes(2), Duration.ofMinutes(1)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("backoff-max");
	}

}
