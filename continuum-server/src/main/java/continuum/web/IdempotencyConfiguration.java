package continuum.web;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Idempotency keys on FHIR writes: the filter, after Spring Security (the key belongs to
 * the signed-in principal) and after the FHIR body limit, and the pruning of keys past
 * their retention. Pruning is a plain delete of old rows, safe on every node at once.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencySettings.class)
class IdempotencyConfiguration {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyConfiguration.class);

	private final IdempotencyRepository keys;

	private final IdempotencySettings settings;

	private final Clock clock;

	IdempotencyConfiguration(IdempotencyRepository keys, IdempotencySettings settings, Clock clock) {
		this.keys = keys;
		this.settings = settings;
		this.clock = clock;
	}

	@Bean
	FilterRegistrationBean<IdempotencyFilter> fhirIdempotency(PlatformTransactionManager transactions) {
		FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
				new IdempotencyFilter(keys, transactions, clock));
		registration.addUrlPatterns("/fhir/*");
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 20);
		return registration;
	}

	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
	void prune() {
		int pruned = keys.deleteOlderThan(clock.instant().minus(settings.retention()));
		if (pruned > 0) {
			log.info("Pruned {} idempotency keys older than {}", pruned, settings.retention());
		}
	}

}
