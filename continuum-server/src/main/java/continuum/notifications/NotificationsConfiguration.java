package continuum.notifications;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link NotificationsSettings}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationsSettings.class)
class NotificationsConfiguration {

}
