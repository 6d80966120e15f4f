package continuum.security;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Login and token policy ({@code continuum.security.*}). */
@Validated
@ConfigurationProperties("continuum.security")
record SecuritySettings(@Min(1) @DefaultValue("5") int lockAfterFailures, @DefaultValue("15m") Duration lockDuration,
		@DefaultValue("15m") Duration tokenLifetime) {
}
