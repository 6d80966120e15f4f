package continuum.backup;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link BackupSettings}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackupSettings.class)
class BackupConfiguration {

}
