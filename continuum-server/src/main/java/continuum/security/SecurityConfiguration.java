package continuum.security;

import continuum.audit.AuditService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Four doors: the APIs ({@code /fhir}, {@code /api}) are stateless and take bearer
 * tokens; the operations endpoints ({@code /actuator}) and DICOMweb ({@code /dicomweb})
 * take either a bearer token or the web session; the web UI uses form login with sessions
 * in PostgreSQL and CSRF protection. Each door has its abuse limits in front of the
 * password check or behind authentication (docs/security.md, "Abuse limits").
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SecuritySettings.class, RateLimitSettings.class })
class SecurityConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	AuthenticationManager authenticationManager(StaffUserDetailsService users, PasswordEncoder passwords,
			AuthenticationEventPublisher events) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(passwords);
		ProviderManager manager = new ProviderManager(provider);
		manager.setAuthenticationEventPublisher(events);
		return manager;
	}

	/** The filter chains exist only when serving HTTP, not for operator commands. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	static class FilterChains {

		@Bean
		WebSecurityCustomizer firewall() {
			return web -> web.httpFirewall(FirewallCharacters.firewall());
		}

		@Bean
		@Order(1)
		SecurityFilterChain apiChain(HttpSecurity http, TokenService tokens, AuditService audit,
				UnauthenticatedLimit unauthenticated, SignInLimits signIn, RateLimiter limiter) throws Exception {
			ApiAuthenticationEntryPoint entryPoint = new ApiAuthenticationEntryPoint(unauthenticated);
			http.securityMatcher("/fhir/**", "/api/**")
				.csrf(csrf -> csrf.disable())
				.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache(cache -> cache.disable())
				.authorizeHttpRequests(
						auth -> auth.requestMatchers("/api/token", "/api/token/revoke", "/fhir/metadata", "/api/status")
							.permitAll()
							.anyRequest()
							.authenticated())
				.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
				.addFilterBefore(new SignInRateLimitFilter(signIn), AnonymousAuthenticationFilter.class)
				.addFilterBefore(new BearerTokenFilter(tokens, entryPoint, audit), AnonymousAuthenticationFilter.class)
				.addFilterAfter(new ApiRateLimitFilter(limiter), AnonymousAuthenticationFilter.class);
			return http.build();
		}

		/**
		 * Health is public (details only to the roles Spring Boot's
		 * {@code management.endpoint.health.roles} names); the Prometheus scrape needs a
		 * role that reads metrics; anything else under {@code /actuator} is refused, so
		 * that exposing another endpoint by configuration alone opens nothing. Only reads
		 * are exposed, so there is no form to protect from cross-site requests, and a
		 * session is read but never created here.
		 */
		@Bean
		@Order(2)
		SecurityFilterChain actuatorChain(HttpSecurity http, TokenService tokens, AuditService audit,
				CurrentUser currentUser, UnauthenticatedLimit unauthenticated) throws Exception {
			ApiAuthenticationEntryPoint entryPoint = new ApiAuthenticationEntryPoint(unauthenticated);
			MetricsAccess metrics = new MetricsAccess(currentUser, audit);
			http.securityMatcher("/actuator/**")
				.csrf(csrf -> csrf.disable())
				.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
				.requestCache(cache -> cache.disable())
				.authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**")
					.permitAll()
					.requestMatchers("/actuator/prometheus")
					.access(metrics)
					.anyRequest()
					.denyAll())
				.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(metrics))
				.addFilterBefore(new BearerTokenFilter(tokens, entryPoint, audit), AnonymousAuthenticationFilter.class);
			return http.build();
		}

		/**
		 * DICOMweb (PS3.18) takes a bearer token, as the other APIs, or the web session,
		 * for the study viewer's page; a session is read but never created here. A write
		 * (STOW-RS) with the session alone needs the page's CSRF token; with a bearer
		 * token it needs none, since a browser never adds one by itself.
		 */
		@Bean
		@Order(3)
		SecurityFilterChain dicomWebChain(HttpSecurity http, TokenService tokens, AuditService audit,
				UnauthenticatedLimit unauthenticated, RateLimiter limiter) throws Exception {
			ApiAuthenticationEntryPoint entryPoint = new ApiAuthenticationEntryPoint(unauthenticated);
			http.securityMatcher("/dicomweb/**")
				.csrf(csrf -> csrf.requireCsrfProtectionMatcher(
						request -> !isSafe(request.getMethod()) && request.getHeader("Authorization") == null))
				.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
				.requestCache(cache -> cache.disable())
				.authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
				.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
				.addFilterBefore(new BearerTokenFilter(tokens, entryPoint, audit), AnonymousAuthenticationFilter.class)
				.addFilterAfter(new ApiRateLimitFilter(limiter), AnonymousAuthenticationFilter.class);
			return http.build();
		}

		private static boolean isSafe(String method) {
			return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
		}

		@Bean
		@Order(4)
		SecurityFilterChain webChain(HttpSecurity http, UnauthenticatedLimit unauthenticated, SignInLimits signIn,
				SecondFactorSignIn secondFactor) throws Exception {
			LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
			http.authorizeHttpRequests(auth -> auth
				.requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error", "/status",
						"/oauth/authorize", SecondFactorSignIn.CODE_PATH, SecondFactorSignIn.ENROL_PATH)
				.permitAll()
				.anyRequest()
				.authenticated())
				.formLogin(form -> form.loginPage("/login").successHandler(secondFactor).permitAll())
				.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
				.exceptionHandling(e -> e.authenticationEntryPoint((request, response, refused) -> {
					if (!unauthenticated.refused(request, response)) {
						login.commence(request, response, refused);
					}
				}))
				.addFilterBefore(new SignInRateLimitFilter(signIn), UsernamePasswordAuthenticationFilter.class)
				.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
						"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"))
					.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
			return http.build();
		}

	}

}
