package continuum.hl7;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link MllpSettings} and {@link Hl7Settings}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ MllpSettings.class, Hl7Settings.class })
class Hl7Configuration {

}
