package continuum.web;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Idempotency keys on FHIR writes: the filter runs after Spring Security (the key belongs
 * to the signed-in principal) and after the FHIR body limit.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencySettings.class)
class IdempotencyConfiguration {

	@Bean
	FilterRegistrationBean<IdempotencyFilter> fhirIdempotency(IdempotencyRepository keys,
			PlatformTransactionManager transactions, Clock clock) {
		FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
				new IdempotencyFilter(keys, transactions, clock));
		registration.addUrlPatterns("/fhir/*");
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 20);
		return registration;
	}

}
