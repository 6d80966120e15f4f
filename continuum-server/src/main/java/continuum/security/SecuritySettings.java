package continuum.security;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Login, session and token policy ({@code continuum.security.*}). A web session ends
 * after {@code sessionMaxLifetime} however active it is (ASVS 7.3.2): twelve hours covers
 * the longest shift, so nobody signs in twice in one, and a session left open on a ward
 * computer does not outlive the shift.
 */
@Validated
@ConfigurationProperties("continuum.security")
record SecuritySettings(@Min(1) @DefaultValue("5") int lockAfterFailures, @DefaultValue("15m") Duration lockDuration,
		@DefaultValue("15m") Duration tokenLifetime, @DefaultValue("12h") Duration sessionMaxLifetime) {
}
