package continuum.platform;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented CONTINUUM_* environment variables really bind to the settings (relaxed
 * binding has traps).
 */
class EnvironmentBindingTests {

	@Test
	void documentedVariablesBindToPlatformSettings() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
					Map.of("CONTINUUM_DATA_DIR", "/srv/continuum", "CONTINUUM_DB_URL", "jdbc:postgresql://db/x",
							"CONTINUUM_DB_USER", "hospital", "CONTINUUM_DB_PASSWORD", "secret",
							"CONTINUUM_DB_BINARIESDIR", "/opt/pg")));
		ConfigurationPropertySources.attach(environment);
		PlatformSettings settings = Binder.get(environment).bind("continuum", PlatformSettings.class).get();
		assertThat(settings.data().dir()).isEqualTo("/srv/continuum");
		assertThat(settings.db().url()).isEqualTo("jdbc:postgresql://db/x");
		assertThat(settings.db().user()).isEqualTo("hospital");
		assertThat(settings.db().password()).isEqualTo("secret");
		assertThat(settings.db().binariesDir()).isEqualTo("/opt/pg");
	}

	@Test
	void documentedVariablesBindToJobSettings() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of("CONTINUUM_JOBS_LEASE_TTL",
					"30s", "CONTINUUM_JOBS_RENEW_INTERVAL", "10s", "CONTINUUM_JOBS_NODE_NAME", "ward-server-2")));
		ConfigurationPropertySources.attach(environment);
		JobSettings settings = Binder.get(environment).bind("continuum.jobs", JobSettings.class).get();
		assertThat(settings.leaseTtl()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.renewInterval()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.nodeName()).isEqualTo("ward-server-2");
		assertThat(settings.isRenewedWellWithinTtl()).isTrue();
		assertThat(JobLeases.nodeId(settings.nodeName())).matches("ward-server-2/\\d+/[0-9a-f]{6}");
		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			assertThat(validation.getValidator().validate(settings)).isEmpty();
			assertThat(validation.getValidator()
				.validate(new JobSettings(Duration.ofSeconds(15), Duration.ofSeconds(6), null)))
				.as("fewer than three renewals in a lease are refused at start")
				.hasSize(1);
		}
	}

}
