package continuum.platform.database;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool bounds every wait for a primary and sets nothing that could cut a commit: no
 * socket timeout, no statement timeout in the connection options.
 */
class FailoverPoolSettingsTests {

	@Test
	void waitsForAPrimaryAreBoundedAndNothingTimesACommitOut() {
		HikariConfig config = new HikariConfig();
		DatabaseConfiguration.tuneForFailover(config);
		assertThat(config.getConnectionTimeout()).isEqualTo(5_000);
		assertThat(config.getValidationTimeout()).isEqualTo(2_000);
		assertThat(config.getKeepaliveTime()).isEqualTo(30_000);
		assertThat(config.getDataSourceProperties()).containsEntry("connectTimeout", "3")
			.containsEntry("loginTimeout", "5")
			.containsEntry("tcpKeepAlive", "true")
			.containsEntry("socketTimeout", "0")
			.doesNotContainKeys("options", "queryTimeout", "cancelSignalTimeout");
	}

}
