package continuum.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Lifetimes of SMART App Launch's values ({@code continuum.security.smart.*}): an
 * authorization code is exchanged within seconds by a working app, so a minute is plenty
 * (RFC 6749 §4.1.2 advises at most ten); a launch from the chart is used by the app at
 * once; a grant with {@code offline_access} gives refresh tokens for
 * {@code offline-lifetime} from the consent, one with {@code online_access} for
 * {@code online-lifetime} and only while the web session it was given in is open.
 */
@Validated
@ConfigurationProperties("continuum.security.smart")
record SmartAppSettings(@DefaultValue("60s") Duration codeLifetime, @DefaultValue("5m") Duration launchLifetime,
		@DefaultValue("30d") Duration offlineLifetime, @DefaultValue("12h") Duration onlineLifetime) {
}
