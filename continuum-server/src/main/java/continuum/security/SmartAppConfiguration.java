package continuum.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the SMART App Launch settings ({@link SmartAppSettings}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmartAppSettings.class)
class SmartAppConfiguration {

}
