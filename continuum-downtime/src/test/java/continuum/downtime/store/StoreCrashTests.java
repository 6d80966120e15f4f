package continuum.downtime.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import continuum.downtime.DowntimeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store as the node opens it survives the death of its process right after a commit
 * (the JVM halted, no shutdown hook, as SIGKILL leaves it): what was committed is there,
 * what was not is not. H2's default write delay would lose the last half second of
 * commits; the node's {@code WRITE_DELAY=0} does not.
 */
class StoreCrashTests {

	@TempDir
	Path temp;

	static DowntimeSettings settings(Path home) {
		return new Binder(new MapConfigurationPropertySource(Map.of("continuum.downtime.data.dir",
				home.resolve("data").toString(), "continuum.downtime.key.file", home.resolve("store.key").toString())))
			.bindOrCreate("continuum.downtime", DowntimeSettings.class);
	}

	/**
	 * The child: commits one batch, starts a second, and dies without closing anything.
	 */
	public static void main(String[] args) throws Exception {
		DataSource store = new StoreConfiguration().storeDataSource(settings(Path.of(args[0])));
		try (Connection connection = store.getConnection()) {
			connection.setAutoCommit(false);
			for (int seq = 1; seq <= 200; seq++) {
				connection.createStatement()
					.execute("insert into applied_change values (" + seq + ", 'Patient', '" + seq + "', 'CREATE')");
			}
			connection.createStatement().execute("update sync_state set feed_position = 200 where id = 1");
			connection.commit();
			for (int seq = 201; seq <= 300; seq++) {
				connection.createStatement()
					.execute("insert into applied_change values (" + seq + ", 'Patient', '" + seq + "', 'CREATE')");
			}
			System.out.println("committed 200, 100 more pending");
			System.out.flush();
			Runtime.getRuntime().halt(9);
		}
	}

	@Test
	void aCommittedBatchSurvivesTheProcessDyingAndAnUncommittedOneLeavesNoTrace() throws Exception {
		Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), StoreCrashTests.class.getName(), temp.toString()))
			.redirectErrorStream(true)
			.start();
		String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(child.exitValue()).as(output).isEqualTo(9);
		assertThat(output).contains("committed 200");
		HikariDataSource store = (HikariDataSource) new StoreConfiguration().storeDataSource(settings(temp));
		try (Connection connection = store.getConnection();
				ResultSet rs = connection.createStatement()
					.executeQuery(
							"select count(*), max(seq), (select feed_position from sync_state) from applied_change")) {
			rs.next();
			assertThat(rs.getLong(1)).isEqualTo(200);
			assertThat(rs.getLong(2)).isEqualTo(200);
			assertThat(rs.getLong(3)).isEqualTo(200);
		}
		finally {
			store.close();
		}
	}

}
