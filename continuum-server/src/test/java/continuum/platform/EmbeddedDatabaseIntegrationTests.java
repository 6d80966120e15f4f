package continuum.platform;

import java.util.List;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.EmbeddedDatabaseRoles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads the durability and privacy settings back from the running embedded PostgreSQL.
 */
@ContinuumIntegrationTest
class EmbeddedDatabaseIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformSettings settings;

	private String setting(String name) {
		return jdbc.sql("select current_setting(:name)").param("name", name).query(String.class).single();
	}

	/**
	 * The cluster's superuser, for what only it may read (the application's role may
	 * not).
	 */
	private JdbcClient superuser() {
		return JdbcClient.create(EmbeddedDatabaseRoles.superuser(settings));
	}

	@Test
	void commitsAreDurable() {
		assertThat(setting("fsync")).isEqualTo("on");
		assertThat(setting("synchronous_commit")).isEqualTo("on");
		assertThat(setting("full_page_writes")).isEqualTo("on");
	}

	/**
	 * Tables that grow from empty are analyzed soon and first at a thousand rows, so that
	 * no plan made while they were tiny (a full scan) stays while they grow.
	 */
	@Test
	void tablesThatGrowFromEmptyAreAnalyzedEarlyAndNotWhileTiny() {
		assertThat(setting("autovacuum")).isEqualTo("on");
		assertThat(superuser().sql("select current_setting('autovacuum_naptime')").query(String.class).single())
			.isEqualTo("10s");
		assertThat(superuser().sql("""
				select c.relname from pg_class c
				where 'autovacuum_analyze_threshold=1000' = any(c.reloptions) order by c.relname""")
			.query(String.class)
			.list()).containsExactly("adt_encounter", "audit_log", "change_feed", "patient", "patient_history",
					"patient_identifier", "patient_name_token", "sched_appointment");
	}

	@Test
	void pagesCarryChecksums() {
		assertThat(setting("data_checksums")).isEqualTo("on");
	}

	@Test
	void listensOnLoopbackOnlyWithoutUnixSocket() {
		assertThat(setting("listen_addresses")).isEqualTo("127.0.0.1");
		assertThat(superuser().sql("select current_setting('unix_socket_directories')").query(String.class).single())
			.isEmpty();
	}

	@Test
	void requiresScramPasswordsForEveryConnection() {
		assertThat(setting("password_encryption")).isEqualTo("scram-sha-256");
		JdbcClient superuser = superuser();
		List<Map<String, Object>> rules = superuser
			.sql("select type, auth_method from pg_hba_file_rules where error is null")
			.query()
			.listOfRows();
		assertThat(rules).isNotEmpty();
		assertThat(rules).allSatisfy(rule -> assertThat(rule.get("auth_method")).isEqualTo("scram-sha-256"));
		List<String> storedHashes = superuser.sql("select rolpassword from pg_authid where rolcanlogin")
			.query(String.class)
			.list();
		assertThat(storedHashes).hasSize(3).allSatisfy(hash -> assertThat(hash).startsWith("SCRAM-SHA-256$"));
	}

	@Test
	void keepsClientErrorsAndTheirValuesOutOfTheServerLog() {
		assertThat(setting("log_min_messages")).isEqualTo("log");
		assertThat(setting("log_min_error_statement")).isEqualTo("panic");
		assertThat(setting("log_error_verbosity")).isEqualTo("terse");
	}

	/**
	 * The application connects as a plain role that owns nothing, and the database and
	 * its tables belong to another plain role: neither is a superuser, so whoever gets
	 * hold of the application's connection cannot write files or run programs as
	 * PostgreSQL's operating-system user, nor create roles or databases, nor change the
	 * tables.
	 */
	@Test
	void theApplicationsRoleIsNotASuperuser() {
		Map<String, Object> role = jdbc
			.sql("select rolname, rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname = current_user")
			.query()
			.singleRow();
		assertThat(role).containsEntry("rolname", "continuum_app")
			.containsEntry("rolsuper", false)
			.containsEntry("rolcreaterole", false)
			.containsEntry("rolcreatedb", false);
		assertThat(jdbc.sql("select rolsuper from pg_roles where rolname = 'continuum'").query(Boolean.class).single())
			.as("the owner of the tables is no superuser either")
			.isFalse();
		assertThat(jdbc.sql("select datdba::regrole::text from pg_database where datname = current_database()")
			.query(String.class)
			.single()).isEqualTo("continuum");
		assertThat(jdbc.sql("select count(*) from pg_tables where schemaname = 'public' and tableowner = current_user")
			.query(Long.class)
			.single()).as("tables the application's role owns").isZero();
		assertThatThrownBy(() -> jdbc.sql("copy (select 1) to program 'true'").update())
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("permission denied to COPY to or from an external program");
		assertThatThrownBy(() -> jdbc.sql("select current_setting('data_directory')").query(String.class).single())
			.isInstanceOf(DataAccessException.class);
	}

	@Test
	void keepsTheClusterInsideTheDataDirectory() {
		String dataDirectory = superuser().sql("select current_setting('data_directory')").query(String.class).single();
		assertThat(dataDirectory).contains("target/test-data/").endsWith("/postgres");
	}

}
