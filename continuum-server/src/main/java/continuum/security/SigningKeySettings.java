package continuum.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often each server node replaces the key that signs its API tokens
 * ({@code continuum.security.signing-keys.rotation}, env
 * {@code CONTINUUM_SECURITY_SIGNINGKEYS_ROTATION}; default 30 days).
 */
@Validated
@ConfigurationProperties("continuum.security.signing-keys")
record SigningKeySettings(@DefaultValue("30d") Duration rotation) {

	SigningKeySettings {
		if (rotation.isNegative() || rotation.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new IllegalArgumentException(
					"continuum.security.signing-keys.rotation must be at least one minute, not " + rotation);
		}
	}

}
