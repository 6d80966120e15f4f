package continuum.platform.database;

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import continuum.platform.PlatformSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The one database of the system: the embedded PostgreSQL in the data directory, or an
 * external PostgreSQL when {@code CONTINUUM_DB_URL} is set (a multi-host URL with
 * {@code targetServerType=primary} for a primary with standby).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnExpression("'${continuum.db.url:}'.isEmpty()")
	EmbeddedPostgres embeddedPostgres(PlatformSettings settings, Environment environment) {
		Path dataDir = Path.of(settings.data().dir());
		String binaries = settings.db().binariesDir();
		Path binariesDir = binaries == null || binaries.isBlank() ? dataDir.resolve("pgsql") : Path.of(binaries);
		// WAL is archived for the backups (docs/operations.md), unless they are switched
		// off.
		boolean archive = environment.getProperty("continuum.backup.enabled", Boolean.class, true);
		EmbeddedPostgres postgres = new EmbeddedPostgres(dataDir, binariesDir, Duration.ofSeconds(120), archive);
		postgres.start(settings.command() != null);
		return postgres;
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(PlatformSettings settings, ObjectProvider<EmbeddedPostgres> embedded) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("continuum");
		EmbeddedPostgres postgres = embedded.getIfAvailable();
		if (postgres != null) {
			config.setJdbcUrl(postgres.jdbcUrl());
			config.setUsername(postgres.username());
			config.setPassword(postgres.password());
		}
		else {
			PlatformSettings.Db db = settings.db();
			config.setJdbcUrl(db.url());
			config.setUsername(nonEmpty(db.user()));
			config.setPassword(nonEmpty(db.password()));
			log.info("Using external PostgreSQL (user {})", db.user());
		}
		config.setMaximumPoolSize(settings.db().poolSize());
		tuneForFailover(config);
		return new HikariDataSource(config);
	}

	/**
	 * Bounds everything that waits for a primary, and nothing that waits for a commit
	 * (docs/operations.md, "Behaviour during a failover"). A request waits at most 5 s
	 * for a connection, then fails with 503; a new connection gives up on a host after 3
	 * s and on the whole login after 5 s, so the driver moves on through a multi-host URL
	 * to the new primary; a connection idle for 30 s is checked, and one that fails its
	 * check when borrowed is dropped. There is no socket timeout (it would cut a commit
	 * that waits for the synchronous standby, whose outcome the client would then not
	 * know) and no statement or query timeout anywhere for the same reason. Settings
	 * given in the URL win over these.
	 */
	static void tuneForFailover(HikariConfig config) {
		config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
		config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
		config.setKeepaliveTime(Duration.ofSeconds(30).toMillis());
		config.addDataSourceProperty("connectTimeout", "3");
		config.addDataSourceProperty("loginTimeout", "5");
		config.addDataSourceProperty("socketTimeout", "0");
		config.addDataSourceProperty("tcpKeepAlive", "true");
		// How long the driver trusts what it learnt of a host (primary, standby, down).
		config.addDataSourceProperty("hostRecheckSeconds", "2");
	}

	/**
	 * Transactions whose commit is checked: a commit answered with a warning or cut off
	 * throws {@link continuum.platform.OutcomeUnknownException}.
	 */
	@Bean
	OutcomeCheckingTransactionManager transactionManager(DataSource dataSource) {
		return new OutcomeCheckingTransactionManager(dataSource);
	}

	/**
	 * The template behind every {@code JdbcClient}, checking the commits of statements
	 * that run outside a transaction.
	 */
	@Bean
	OutcomeCheckingJdbcTemplate jdbcTemplate(DataSource dataSource) {
		return new OutcomeCheckingJdbcTemplate(dataSource);
	}

	/**
	 * Migrations run as the owner of the tables; the pool connects as the application's
	 * role, which owns none (embedded database). An external database is migrated and
	 * used with the one user it is given.
	 */
	@Bean
	FlywayConfigurationCustomizer migrateAsOwner(ObjectProvider<EmbeddedPostgres> embedded) {
		return configuration -> {
			EmbeddedPostgres postgres = embedded.getIfAvailable();
			if (postgres != null) {
				configuration.dataSource(postgres.jdbcUrl(), postgres.ownerUsername(), postgres.ownerPassword());
			}
		};
	}

	private static @Nullable String nonEmpty(@Nullable String value) {
		return value == null || value.isEmpty() ? null : value;
	}

}
