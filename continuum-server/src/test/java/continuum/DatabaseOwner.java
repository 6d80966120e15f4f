package continuum;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import continuum.platform.PlatformSettings;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Connections as the owner of the tables of a running test server's embedded database,
 * for tests that do what the application's role may not: tamper with the audit tables,
 * disable their triggers. Port from the running server, password from the data
 * directory's secrets.
 */
public final class DatabaseOwner {

	private DatabaseOwner() {
	}

	public static DataSource dataSource(PlatformSettings settings) {
		try {
			Path dataDir = Path.of(settings.data().dir());
			String port = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).trim();
			String password = Files.readString(dataDir.resolve("secrets/db-password")).trim();
			return new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + port + "/continuum", "continuum",
					password);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
