package continuum.downtime.viewer;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Form sign-in at {@code /login} against the synced accounts; {@code /status} and the
 * stylesheet are open. Hashes are the server's own ({@code {bcrypt}...}), checked with
 * Spring Security's BCrypt; any other scheme is refused.
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
	SecurityFilterChain viewer(HttpSecurity http, StaffAccounts accounts) throws Exception {
		http.authorizeHttpRequests(
				requests -> requests.requestMatchers("/login", "/status", "/audit/checkpoint", "/css/**", "/error")
					.permitAll()
					.anyRequest()
					.authenticated())
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?signedOut"))
			.addFilterAfter(new CurrentAccountFilter(accounts), BasicAuthenticationFilter.class);
		return http.build();
	}

}
