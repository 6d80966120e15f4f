package continuum.platform.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo hospital ({@code CONTINUUM_DEMO}, {@code CONTINUUM_DEMO_PASSWORD},
 * {@code CONTINUUM_DEMO_PATIENTS}). Without a password, one is generated on first start
 * and kept in the data directory's secrets.
 */
@ConfigurationProperties("continuum.demo")
public record DemoSettings(@DefaultValue("true") boolean enabled, @DefaultValue("") String password,
		@DefaultValue("2000") int patients, @DefaultValue("20261125") long randomSeed) {
}
