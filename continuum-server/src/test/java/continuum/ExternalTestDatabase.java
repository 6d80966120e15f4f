package continuum;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Runs test contexts on an external PostgreSQL (the cluster's PostgreSQL 15) instead of
 * the embedded one, when {@code continuum.test.db-url} (or {@code CONTINUUM_TEST_DB_URL})
 * is set: each application context gets a fresh database of its own on that server,
 * created by {@code continuum.test.db-admin-user} and owned by
 * {@code continuum.test.db-user}, which the application then uses. A multi-host URL with
 * {@code targetServerType=primary} reaches the primary wherever it is. With
 * {@code continuum.test.cluster=true} instead, the tests bring up a cluster of their own
 * (the Maven profile {@code cluster}). Without either nothing changes.
 */
public final class ExternalTestDatabase implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return configured() ? new FreshDatabase() : null;
	}

	/** Whether the tests run on an external database. */
	public static boolean configured() {
		return setting("db-url") != null;
	}

	static @Nullable String setting(String name) {
		String value = System.getProperty("continuum.test." + name);
		if (value == null || value.isBlank()) {
			value = System.getenv("CONTINUUM_TEST_" + name.replace('-', '_').toUpperCase());
		}
		if ((value == null || value.isBlank()) && Boolean.getBoolean("continuum.test.cluster")) {
			value = OwnCluster.SETTINGS.get("CONTINUUM_TEST_" + name.replace('-', '_').toUpperCase());
		}
		return value == null || value.isBlank() ? null : value;
	}

	/**
	 * With {@code continuum.test.cluster=true} and no URL given: a cluster of the
	 * database alone ({@code cluster/cluster.py}, no nodes) brought up once for this JVM
	 * in a temporary directory, and brought down when the JVM ends.
	 */
	private static final class OwnCluster {

		static final Map<String, String> SETTINGS = start();

		private static Map<String, String> start() {
			TestCluster cluster = TestCluster.create("test-db", 0);
			Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "test-cluster-down"));
			return cluster.up().settings(true);
		}

	}

	static String required(String name) {
		String value = setting(name);
		if (value == null) {
			throw new IllegalStateException("continuum.test." + name + " is needed beside continuum.test.db-url");
		}
		return value;
	}

	/** The configured URL with its database name replaced. */
	static String withDatabase(String url, String database) {
		int hostsStart = url.indexOf("//");
		int slash = url.indexOf('/', hostsStart + 2);
		int query = url.indexOf('?', slash);
		return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
	}

	/** A connection as the administrator to the database named in the URL. */
	static Connection admin() throws SQLException {
		return DriverManager.getConnection(required("db-url"), required("db-admin-user"),
				required("db-admin-password"));
	}

	/** Equal to every other, so that contexts are cached as they would be without it. */
	private static final class FreshDatabase implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			String database = "continuum_test_" + UUID.randomUUID().toString().replace("-", "");
			String user = required("db-user");
			try (Connection connection = admin(); Statement statement = connection.createStatement()) {
				statement.execute("create database " + database + " owner " + user);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot create the test database " + database, ex);
			}
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("externalTestDatabase",
						Map.of("continuum.db.url", withDatabase(required("db-url"), database), "continuum.db.user",
								user, "continuum.db.password", required("db-password"))));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof FreshDatabase;
		}

		@Override
		public int hashCode() {
			return FreshDatabase.class.hashCode();
		}

	}

}
