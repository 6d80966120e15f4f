package continuum.downtime.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import continuum.downtime.DowntimeSettings;
import org.h2.api.ErrorCode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Opens the encrypted store ({@code store.mv.db} in the data directory). H2 in file mode:
 * MVStore's copy-on-write chunks mean a crash leaves the last committed state, and
 * {@code WRITE_DELAY=0} writes each commit before it returns. A store that cannot be
 * opened stops the start with a message naming the file and what to do; it is never
 * deleted or replaced.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

	static final String FILE_NAME = "store.mv.db";

	@Bean(destroyMethod = "close")
	DataSource storeDataSource(DowntimeSettings settings) {
		Path dir = settings.data().dir().toAbsolutePath().normalize();
		Path file = dir.resolve(FILE_NAME);
		Path keyFile = settings.key().fileOrDefault();
		String key = StoreKey.readOrCreate(keyFile, Files.exists(file));
		String url = "jdbc:h2:file:" + dir.resolve("store") + ";CIPHER=AES;WRITE_DELAY=0";
		String password = key + " node";
		try {
			Files.createDirectories(dir);
		}
		catch (java.io.IOException failed) {
			throw new StoreUnavailableException("The data directory " + dir + " cannot be created", failed);
		}
		try (Connection connection = DriverManager.getConnection(url, "node", password)) {
			ScriptUtils.executeSqlScript(connection, new ClassPathResource("store-schema.sql"));
		}
		catch (SQLException failed) {
			throw unavailable(file, keyFile, failed);
		}
		catch (org.springframework.jdbc.datasource.init.ScriptException failed) {
			throw unavailable(file, keyFile, failed.getCause() instanceof SQLException sql ? sql : null);
		}
		HikariConfig pool = new HikariConfig();
		pool.setJdbcUrl(url);
		pool.setUsername("node");
		pool.setPassword(password);
		pool.setMaximumPoolSize(6);
		pool.setPoolName("store");
		pool.setExceptionOverride(new StoreFailureEviction());
		return new HikariDataSource(pool);
	}

	private static StoreUnavailableException unavailable(Path file, Path keyFile, SQLException failed) {
		int code = failed == null ? 0 : failed.getErrorCode();
		String what = switch (code) {
			case ErrorCode.DATABASE_ALREADY_OPEN_1 -> "is in use by another running downtime node";
			case ErrorCode.FILE_ENCRYPTION_ERROR_1, ErrorCode.WRONG_USER_OR_PASSWORD ->
				"cannot be decrypted with the key in " + keyFile + " (another key, or a damaged file)";
			case ErrorCode.FILE_CORRUPTED_1 -> "is damaged";
			default -> "cannot be opened (H2 error " + code + ")";
		};
		String advice = code == ErrorCode.DATABASE_ALREADY_OPEN_1
				? "stop the other node, or give this one its own data directory" : "move it aside (for example to "
						+ file.getFileName() + ".damaged) and start the node again: it" + " resyncs from the server";
		return new StoreUnavailableException("The downtime store " + file + " " + what + ": " + advice, failed);
	}

}
