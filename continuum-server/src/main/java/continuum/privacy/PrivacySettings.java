package continuum.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Break-the-glass and the care relationship ({@code continuum.security.break-glass.*}):
 * how long a broken glass opens a record ({@code duration},
 * {@code CONTINUUM_SECURITY_BREAKGLASS_DURATION}, 8 hours), and how far back an
 * appointment still makes a care relationship ({@code appointment-look-back}, 30 days;
 * future appointments always do).
 */
@Validated
@ConfigurationProperties("continuum.security.break-glass")
record PrivacySettings(@DefaultValue("8h") Duration duration, @DefaultValue("30d") Duration appointmentLookBack) {

	PrivacySettings {
		if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(7)) > 0) {
			throw new IllegalArgumentException(
					"continuum.security.break-glass.duration must be above zero and at most 7 days");
		}
	}

}
