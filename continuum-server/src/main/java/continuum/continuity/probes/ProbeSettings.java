package continuum.continuity.probes;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Probes and their incidents ({@code continuum.continuity.probes.*}, e.g.
 * {@code CONTINUUM_CONTINUITY_PROBES_TIMEOUT}). {@code scheduled}: whether probes run by
 * themselves (every {@code tick} the due components are probed, at most {@code threads}
 * at a time); tests turn it off and run rounds themselves. A component's own thresholds
 * and interval start from the defaults here. {@code nodeLag}: a downtime node further
 * behind is degraded. {@code smsHealthUrl}: the SMS gateway's health URL, if it has one.
 * {@code retention}: how long probe results are kept (incidents are kept for ever).
 */
@Validated
@ConfigurationProperties("continuum.continuity.probes")
public record ProbeSettings(@DefaultValue("true") boolean scheduled, @DefaultValue("1s") Duration tick,
		@Min(1) @Max(64) @DefaultValue("8") int threads, @DefaultValue("5s") Duration timeout,
		@DefaultValue("15s") Duration interval, @Min(1) @Max(100) @DefaultValue("2") int failureThreshold,
		@Min(1) @Max(100) @DefaultValue("2") int recoveryThreshold, @DefaultValue("120s") Duration nodeLag,
		@DefaultValue("14d") Duration retention, @Nullable URI smsHealthUrl) {

	public ProbeSettings {
		if (timeout.isNegative() || timeout.isZero() || tick.isNegative() || tick.isZero()) {
			throw new IllegalArgumentException("timeout and tick must be positive");
		}
		if (interval.compareTo(Duration.ofMillis(100)) < 0) {
			throw new IllegalArgumentException("interval must be at least 100ms");
		}
		if (retention.compareTo(Duration.ofHours(1)) < 0) {
			throw new IllegalArgumentException("retention must be at least 1h");
		}
	}

}
