package continuum.platform.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;

import continuum.platform.DemoDataContributor;
import continuum.platform.DemoDataContributor.DemoSize;
import continuum.platform.DemoPassword;
import continuum.platform.PlatformSettings;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the demo hospital on first start, before the server takes requests and names the
 * demo logins.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoSettings.class)
class DemoDataConfiguration {

	@Bean
	DemoDataRunner demoDataRunner(List<DemoDataContributor> contributors, JdbcClient jdbc,
			TransactionTemplate transactions) {
		return new DemoDataRunner(contributors, jdbc, transactions);
	}

	@Bean
	DemoPassword demoPassword(DemoSettings settings, PlatformSettings platform) {
		return new DemoPassword(settings.enabled() ? resolve(settings, Path.of(platform.data().dir())) : null);
	}

	/**
	 * Seeds once every singleton exists but before the web server opens its port, so that
	 * no request ever sees a half-seeded hospital or a demo login that does not exist
	 * yet.
	 */
	@Bean
	SmartInitializingSingleton demoDataSeeding(DemoSettings settings, PlatformSettings platform, DemoDataRunner runner,
			DemoPassword password) {
		return () -> {
			boolean seedingCommand = platform.command() == null || "demo".equals(platform.command());
			if (settings.enabled() && seedingCommand) {
				runner.seed(new DemoSize(settings.patients(), settings.randomSeed(), password.value()));
			}
		};
	}

	private static String resolve(DemoSettings settings, Path dataDir) {
		Path file = dataDir.resolve("secrets").resolve("demo-password");
		try {
			if (!settings.password().isEmpty()) {
				return settings.password();
			}
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.UTF_8).trim();
			}
			String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
			SecureRandom random = new SecureRandom();
			StringBuilder sb = new StringBuilder();
			for (int i = 0; i < 12; i++) {
				sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			Files.createDirectories(file.getParent());
			Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			return sb.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the demo password in " + file, ex);
		}
	}

}
