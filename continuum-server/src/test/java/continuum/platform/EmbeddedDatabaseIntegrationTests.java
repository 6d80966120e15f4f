package continuum.platform;

import java.util.List;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the durability and privacy settings back from the running embedded PostgreSQL.
 */
@ContinuumIntegrationTest
class EmbeddedDatabaseIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	private String setting(String name) {
		return jdbc.sql("select current_setting(:name)").param("name", name).query(String.class).single();
	}

	@Test
	void commitsAreDurable() {
		assertThat(setting("fsync")).isEqualTo("on");
		assertThat(setting("synchronous_commit")).isEqualTo("on");
		assertThat(setting("full_page_writes")).isEqualTo("on");
	}

	@Test
	void pagesCarryChecksums() {
		assertThat(setting("data_checksums")).isEqualTo("on");
	}

	@Test
	void listensOnLoopbackOnlyWithoutUnixSocket() {
		assertThat(setting("listen_addresses")).isEqualTo("127.0.0.1");
		assertThat(setting("unix_socket_directories")).isEmpty();
	}

	@Test
	void requiresScramPasswordsForEveryConnection() {
		assertThat(setting("password_encryption")).isEqualTo("scram-sha-256");
		List<Map<String, Object>> rules = jdbc
			.sql("select type, auth_method from pg_hba_file_rules where error is null")
			.query()
			.listOfRows();
		assertThat(rules).isNotEmpty();
		assertThat(rules).allSatisfy(rule -> assertThat(rule.get("auth_method")).isEqualTo("scram-sha-256"));
		String storedHash = jdbc.sql("select rolpassword from pg_authid where rolname = current_user")
			.query(String.class)
			.single();
		assertThat(storedHash).startsWith("SCRAM-SHA-256$");
	}

	@Test
	void keepsClientErrorsAndTheirValuesOutOfTheServerLog() {
		assertThat(setting("log_min_messages")).isEqualTo("log");
		assertThat(setting("log_min_error_statement")).isEqualTo("panic");
		assertThat(setting("log_error_verbosity")).isEqualTo("terse");
	}

	@Test
	void keepsTheClusterInsideTheDataDirectory() {
		String dataDirectory = setting("data_directory");
		assertThat(dataDirectory).contains("target/test-data/").endsWith("/postgres");
	}

}
