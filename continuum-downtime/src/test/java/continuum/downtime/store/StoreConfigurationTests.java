package continuum.downtime.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import continuum.downtime.DowntimeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store opens encrypted with a key kept apart, and a store that cannot be opened
 * stops the start with a message naming the file and what to do, the file untouched.
 */
class StoreConfigurationTests {

	@TempDir
	Path temp;

	private DowntimeSettings settings(Path key) {
		return new Binder(new MapConfigurationPropertySource(Map.of("continuum.downtime.data.dir",
				temp.resolve("data").toString(), "continuum.downtime.key.file", key.toString())))
			.bindOrCreate("continuum.downtime", DowntimeSettings.class);
	}

	@Test
	void createsAnOwnerOnlyKeyAndAStoreThatIsNotPlainText() throws Exception {
		Path key = temp.resolve("keys/store.key");
		DataSource store = new StoreConfiguration().storeDataSource(settings(key));
		try (Connection connection = store.getConnection()) {
			connection.createStatement()
				.execute("insert into patient (id, family_name) values ('1', 'Vandenbroucke-Sentinel')");
		}
		((HikariDataSource) store).close();
		assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		byte[] file = Files.readAllBytes(temp.resolve("data/store.mv.db"));
		assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Sentinel")
			.doesNotContain("patient");
	}

	@Test
	void aDamagedStoreIsNamedAndKept() throws Exception {
		Path key = temp.resolve("keys/store.key");
		((HikariDataSource) new StoreConfiguration().storeDataSource(settings(key))).close();
		Path file = temp.resolve("data/store.mv.db");
		byte[] damaged = Files.readAllBytes(file);
		for (int i = 0; i < damaged.length; i += 7) {
			damaged[i] ^= 0x5a;
		}
		Files.write(file, damaged);
		assertThatThrownBy(() -> new StoreConfiguration().storeDataSource(settings(key)))
			.isInstanceOf(StoreUnavailableException.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("move it aside")
			.hasMessageContaining("resyncs from the server");
		assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
	}

	@Test
	void aStoreWithoutItsKeyIsRefusedNotReplaced() throws Exception {
		Path key = temp.resolve("keys/store.key");
		((HikariDataSource) new StoreConfiguration().storeDataSource(settings(key))).close();
		Files.delete(key);
		assertThatThrownBy(() -> new StoreConfiguration().storeDataSource(settings(key)))
			.isInstanceOf(StoreUnavailableException.class)
			.hasMessageContaining(key.toString())
			.hasMessageContaining("missing");
		assertThat(key).doesNotExist();
	}

	@Test
	void anotherKeyCannotOpenTheStore() throws Exception {
		Path key = temp.resolve("keys/store.key");
		((HikariDataSource) new StoreConfiguration().storeDataSource(settings(key))).close();
		Files.writeString(key, "ab".repeat(32) + "\n");
		assertThatThrownBy(() -> new StoreConfiguration().storeDataSource(settings(key)))
			.isInstanceOf(StoreUnavailableException.class)
			.hasMessageContaining("store.mv.db")
			.hasMessageContaining(key.toString());
	}

}
