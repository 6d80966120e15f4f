package continuum.platform;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The shared kernel's beans: settings and the injected clock (tests replace it to move
 * time).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ PlatformSettings.class, JobSettings.class })
@EnableScheduling
class PlatformConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
