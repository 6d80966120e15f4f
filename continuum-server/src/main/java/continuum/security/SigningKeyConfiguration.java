package continuum.security;

import java.nio.file.Path;
import java.time.Clock;

import continuum.platform.PlatformSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * This node's token signing key in {@code <data dir>/secrets/token-signing-key.json}, and
 * the door to the published public keys, {@code /.well-known/jwks.json}, open to anyone:
 * it holds no secret.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SigningKeySettings.class)
class SigningKeyConfiguration {

	static final String JWKS_PATH = "/.well-known/jwks.json";

	@Bean
	SigningKeys signingKeys(PlatformSettings platform, SigningKeyRepository keys, Clock clock,
			SigningKeySettings settings, SecuritySettings security) {
		Path file = Path.of(platform.data().dir()).resolve("secrets").resolve("token-signing-key.json");
		return new SigningKeys(new NodeSigningKeyFile(file), keys, clock, settings, security.tokenLifetime());
	}

	@Bean
	@Order(0)
	@ConditionalOnWebApplication
	SecurityFilterChain jwksChain(HttpSecurity http) throws Exception {
		http.securityMatcher(JWKS_PATH)
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
		return http.build();
	}

}
