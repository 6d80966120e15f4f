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
	EmbeddedPostgres embeddedPostgres(PlatformSettings settings) {
		Path dataDir = Path.of(settings.data().dir());
		String binaries = settings.db().binariesDir();
		Path binariesDir = binaries == null || binaries.isBlank() ? dataDir.resolve("pgsql") : Path.of(binaries);
		EmbeddedPostgres postgres = new EmbeddedPostgres(dataDir, binariesDir, Duration.ofSeconds(120));
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
		config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
		return new HikariDataSource(config);
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
