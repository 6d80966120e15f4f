package continuum.downtime.viewer;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import continuum.downtime.audit.NodeAudit;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Form sign-in at {@code /login} against the synced accounts; {@code /status} and the
 * stylesheet are open. Hashes are the server's own ({@code {bcrypt}...}), checked with
 * Spring Security's BCrypt; any other scheme is refused. A demo account passes only on a
 * node that listens on loopback alone ({@link DemoAccountCheck}); the sign-in page says
 * so ({@code /login?demo}).
 */
@Configuration(proxyBeanMethods = false)
class ViewerSecurityConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
		DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", bcrypt));
		encoder.setDefaultPasswordEncoderForMatches(bcrypt);
		return encoder;
	}

	@Bean
	DaoAuthenticationProvider staffSignIn(StaffAccounts accounts, PasswordEncoder passwordEncoder,
			ListenAddress listening, NodeAudit audit) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(accounts);
		provider.setPasswordEncoder(passwordEncoder);
		provider.setPostAuthenticationChecks(new DemoAccountCheck(listening, audit));
		return provider;
	}

	@Bean
	SecurityFilterChain viewer(HttpSecurity http, StaffAccounts accounts, DaoAuthenticationProvider staffSignIn)
			throws Exception {
		ExceptionMappingAuthenticationFailureHandler failures = new ExceptionMappingAuthenticationFailureHandler();
		failures.setDefaultFailureUrl("/login?error");
		failures
			.setExceptionMappings(Map.of(DemoAccountCheck.DemoAccountRefusedException.class.getName(), "/login?demo"));
		http.authorizeHttpRequests(
				requests -> requests.requestMatchers("/login", "/status", "/audit/checkpoint", "/css/**", "/error")
					.permitAll()
					.anyRequest()
					.authenticated())
			.authenticationProvider(staffSignIn)
			.formLogin(
					form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureHandler(failures).permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?signedOut"))
			.addFilterAfter(new CurrentAccountFilter(accounts), BasicAuthenticationFilter.class);
		return http.build();
	}

}
