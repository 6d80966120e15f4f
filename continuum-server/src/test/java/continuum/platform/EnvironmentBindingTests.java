package continuum.platform;

import java.util.Map;

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

}
