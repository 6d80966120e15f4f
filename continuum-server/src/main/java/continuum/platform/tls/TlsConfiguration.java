package continuum.platform.tls;

import java.time.Clock;

import continuum.platform.PlatformSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The server's TLS bundle, the HTTPS connector and the two filters in front of every
 * other: forwarded headers from trusted proxies first (so that the redirect and the audit
 * see the client's address and scheme), then the redirect of plain HTTP to HTTPS. Not for
 * operator commands, which serve nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TlsSettings.class)
@ConditionalOnExpression("'${continuum.command:}'.isEmpty()")
class TlsConfiguration {

	@Bean
	ServerBundle serverBundle(TlsSettings settings, PlatformSettings platform, Clock clock) {
		return new ServerBundle(settings, platform, clock);
	}

	@Bean
	@ConditionalOnWebApplication
	HttpsConnector httpsConnector(TlsSettings settings, SslBundles bundles, ServerBundle serverBundle) {
		return new HttpsConnector(settings, bundles, serverBundle);
	}

	@Bean
	@ConditionalOnWebApplication
	FilterRegistrationBean<TrustedProxyFilter> trustedProxies(TlsSettings settings) {
		FilterRegistrationBean<TrustedProxyFilter> registration = new FilterRegistrationBean<>(
				new TrustedProxyFilter(settings.proxyRanges()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Bean
	@ConditionalOnWebApplication
	FilterRegistrationBean<HttpsRedirectFilter> httpsRedirect(HttpsConnector https) {
		FilterRegistrationBean<HttpsRedirectFilter> registration = new FilterRegistrationBean<>(
				new HttpsRedirectFilter(https));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

}
