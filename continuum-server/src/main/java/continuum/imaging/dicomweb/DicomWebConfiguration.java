package continuum.imaging.dicomweb;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DicomWebSettings.class)
class DicomWebConfiguration {

}
