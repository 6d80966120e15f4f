package continuum.smart;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The door to the SMART configuration: open to anyone, stateless, served by
 * {@link SmartDiscoveryFilter} right after Spring Security (and before the FHIR servlet,
 * which would take {@code /fhir/.well-known/...} for a resource type).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SmartConfiguration {

	@Bean
	@Order(0)
	SecurityFilterChain smartDiscoveryChain(HttpSecurity http) throws Exception {
		http.securityMatcher(SmartDiscoveryFilter.ROOT_PATH, SmartDiscoveryFilter.FHIR_PATH)
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
		return http.build();
	}

	@Bean
	FilterRegistrationBean<SmartDiscoveryFilter> smartDiscovery() {
		FilterRegistrationBean<SmartDiscoveryFilter> registration = new FilterRegistrationBean<>(
				new SmartDiscoveryFilter());
		registration.addUrlPatterns(SmartDiscoveryFilter.ROOT_PATH, SmartDiscoveryFilter.FHIR_PATH);
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 2);
		return registration;
	}

}
