package continuum.lab;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Laboratory settings, bound once at start from {@code continuum.lab.*}: how long a
 * critical-value alert may stay unacknowledged before it is escalated
 * ({@code CONTINUUM_LAB_ALERT_ESCALATE_AFTER}, default 15 minutes, again after each
 * escalation) and how often the escalation runs.
 */
@Validated
@ConfigurationProperties("continuum.lab")
record LabSettings(@DefaultValue("15m") Duration alertEscalateAfter, @DefaultValue("1m") Duration escalationInterval) {

	/** The hospital's zone: the day a result was observed on, for age-banded ranges. */
	static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

}
