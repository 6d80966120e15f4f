package continuum.downtime;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The environment variables README.md and docs/continuity.md name really bind. */
class DowntimeSettingsTests {

	private static DowntimeSettings bind(Map<String, Object> environment) {
		StandardEnvironment spring = new StandardEnvironment();
		spring.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		spring.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					environment));
		return new Binder(ConfigurationPropertySources.get(spring)).bindOrCreate("continuum.downtime",
				DowntimeSettings.class);
	}

	@Test
	void documentedEnvironmentVariablesBind() {
		DowntimeSettings settings = bind(Map.ofEntries(Map.entry("CONTINUUM_DOWNTIME_SERVER", "http://central:8081"),
				Map.entry("CONTINUUM_DOWNTIME_PORT", "9191"), Map.entry("CONTINUUM_DOWNTIME_DATA_DIR", "/srv/node"),
				Map.entry("CONTINUUM_DOWNTIME_KEY_FILE", "/etc/node/store.key"),
				Map.entry("CONTINUUM_DOWNTIME_USERNAME", "node-a"), Map.entry("CONTINUUM_DOWNTIME_PASSWORD", "s3cret"),
				Map.entry("CONTINUUM_DOWNTIME_PASSWORDFILE", "/etc/node/password"),
				Map.entry("CONTINUUM_DOWNTIME_PUBLIC_URL", "http://node-a.ward:9191"),
				Map.entry("CONTINUUM_DOWNTIME_SYNC_INTERVAL", "750ms"),
				Map.entry("CONTINUUM_DOWNTIME_REPORTS_INTERVAL", "5m"),
				Map.entry("CONTINUUM_DOWNTIME_SERVERCA", "/etc/node/server-ca.crt"),
				Map.entry("CONTINUUM_DOWNTIME_LISTEN_ADDRESS", "10.1.2.3")));
		assertThat(settings.listen().address()).isEqualTo("10.1.2.3");
		assertThat(settings.serverCa()).isEqualTo(Path.of("/etc/node/server-ca.crt"));
		assertThat(settings.server()).isEqualTo(URI.create("http://central:8081"));
		assertThat(settings.port()).isEqualTo(9191);
		assertThat(settings.data().dir()).isEqualTo(Path.of("/srv/node"));
		assertThat(settings.key().fileOrDefault()).isEqualTo(Path.of("/etc/node/store.key"));
		assertThat(settings.username()).isEqualTo("node-a");
		assertThat(settings.serverPassword()).isEqualTo("s3cret");
		assertThat(settings.passwordFile()).isEqualTo(Path.of("/etc/node/password"));
		assertThat(settings.publicUrl()).isEqualTo(URI.create("http://node-a.ward:9191"));
		assertThat(settings.sync().interval()).isEqualTo(Duration.ofMillis(750));
		assertThat(settings.reports().interval()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void defaultsFollowTheServerOnThisMachineWithTheKeyOutsideTheDataDirectory() {
		DowntimeSettings settings = bind(Map.of());
		assertThat(settings.server()).isEqualTo(URI.create("https://localhost:8443"));
		assertThat(settings.serverCa()).isNull();
		assertThat(settings.port()).isEqualTo(8090);
		assertThat(settings.data().dir().normalize()).isEqualTo(Path.of("data-downtime"));
		assertThat(settings.username()).isEqualTo("interface");
		assertThat(settings.key().fileOrDefault())
			.isEqualTo(Path.of(System.getProperty("user.home"), ".config", "continuum-downtime", "store.key"));
		assertThat(settings.key().fileOrDefault().toAbsolutePath().startsWith(settings.data().dir().toAbsolutePath()))
			.isFalse();
		assertThat(settings.publicUrl()).isEqualTo(URI.create("http://localhost:8090"));
		assertThat(settings.reports().interval()).isEqualTo(Duration.ofMinutes(15));
		assertThat(settings.listen().address()).isNull();
	}

	@Test
	void thePasswordFileServesWhenNoPasswordIsSet(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
		Path file = temp.resolve("password");
		java.nio.file.Files.writeString(file, "from-the-file\n");
		assertThat(bind(Map.of("CONTINUUM_DOWNTIME_PASSWORDFILE", file.toString())).serverPassword())
			.isEqualTo("from-the-file");
	}

}
