package continuum.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long an idempotency key answers retries ({@code continuum.idempotency.retention},
 * {@code CONTINUUM_IDEMPOTENCY_RETENTION}); older keys are pruned and a request under one
 * runs as new.
 */
@Validated
@ConfigurationProperties("continuum.idempotency")
record IdempotencySettings(@DefaultValue("24h") Duration retention) {

	IdempotencySettings {
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("continuum.idempotency.retention must be positive");
		}
	}

}
