package continuum;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import continuum.platform.PlatformSettings;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Connections to a running test server's embedded database as the roles the application
 * does not use: the owner of the tables, for tests that do what the application's role
 * may not (tamper with the audit tables, disable their triggers), and the cluster's
 * superuser, for settings only it may read. Port from the running server, passwords from
 * the data directory's secrets. On an external test database
 * ({@link ExternalTestDatabase}) the application's own user owns the tables, and the
 * administrator stands for the superuser.
 */
public final class EmbeddedDatabaseRoles {

	private EmbeddedDatabaseRoles() {
	}

	public static DataSource owner(PlatformSettings settings) {
		if (ExternalTestDatabase.configured()) {
			return new DriverManagerDataSource(settings.db().url(), settings.db().user(), settings.db().password());
		}
		return connect(settings, "continuum", "db-password");
	}

	public static DataSource superuser(PlatformSettings settings) {
		if (ExternalTestDatabase.configured()) {
			return new DriverManagerDataSource(settings.db().url(), ExternalTestDatabase.required("db-admin-user"),
					ExternalTestDatabase.required("db-admin-password"));
		}
		return connect(settings, "postgres", "db-superuser-password");
	}

	private static DataSource connect(PlatformSettings settings, String role, String secret) {
		try {
			Path dataDir = Path.of(settings.data().dir());
			String port = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).trim();
			String password = Files.readString(dataDir.resolve("secrets").resolve(secret)).trim();
			return new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + port + "/continuum", role, password);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
