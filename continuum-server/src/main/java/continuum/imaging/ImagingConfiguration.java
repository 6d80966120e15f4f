package continuum.imaging;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ DicomSettings.class, ImagingSettings.class })
class ImagingConfiguration {

}
