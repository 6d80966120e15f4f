package continuum.scheduling;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented environment variables bind to the scheduling settings, and the defaults
 * are Brussels, 92 days and the standard 21 demo resources.
 */
class SchedulingSettingsTests {

	@Test
	void environmentVariablesBind() {
		SchedulingSettings settings = bind(Map.of("CONTINUUM_SCHEDULING_ZONE", "Europe/Amsterdam",
				"CONTINUUM_SCHEDULING_HORIZON_DAYS", "120", "CONTINUUM_SCHEDULING_DEMO_RESOURCES", "100",
				"CONTINUUM_SCHEDULING_GENERATION_INTERVAL", "1h"));

		assertThat(settings.zone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
		assertThat(settings.horizonDays()).isEqualTo(120);
		assertThat(settings.demoResources()).isEqualTo(100);
		assertThat(settings.generationInterval()).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void defaults() {
		SchedulingSettings settings = bind(Map.of("CONTINUUM_OTHER", "x"));

		assertThat(settings.zone()).isEqualTo(ZoneId.of("Europe/Brussels"));
		assertThat(settings.horizonDays()).isEqualTo(92);
		assertThat(settings.demoResources()).isEqualTo(21);
	}

	private static SchedulingSettings bind(Map<String, Object> environment) {
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-env", environment));
		return new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("continuum.scheduling",
				SchedulingSettings.class);
	}

}
