package continuum.platform;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's operator commands as real processes: {@code demo} fills an empty data
 * directory and exits; {@code audit verify} attaches to a running server's database and
 * exits 0 when the chain is intact, 3 when a row was tampered with.
 */
class OperatorCommandTests {

	@TempDir
	Path temp;

	@Test
	void demoCommandGeneratesTheRequestedPopulationAndExits() throws Exception {
		Path data = temp.resolve("demo");
		var result = ServerProcess.command(data, "demo", Map.of("CONTINUUM_DEMO_PATIENTS", "120"));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("Demo data 'staff' seeded").doesNotContain("Continuum is up");
		try (ServerProcess server = ServerProcess.start(data, Map.of()); Connection db = ServerProcess.connect(data)) {
			// The population asked for, beside the privacy module's four restricted
			// records.
			ResultSet rs = db.createStatement()
				.executeQuery("select count(*) from patient p where not exists "
						+ "(select 1 from privacy_restriction r where r.patient_id = p.id)");
			rs.next();
			assertThat(rs.getLong(1)).isEqualTo(120);
			assertThat(server.log()).doesNotContain("seeded");
		}
	}

	@Test
	void auditVerifyAttachesToTheRunningServerAndReportsTampering() throws Exception {
		Path data = temp.resolve("audited");
		try (ServerProcess server = ServerProcess.start(data, Map.of("CONTINUUM_DEMO_PATIENTS", "20"))) {
			server.post("/api/token", "application/x-www-form-urlencoded", "username=nurse&password=test-password-1",
					null);
			var intact = ServerProcess.command(data, "audit-verify", Map.of());
			assertThat(intact.exitCode()).as(intact.output()).isZero();
			assertThat(intact.output()).contains("Audit log intact")
				.contains("Attached to the running embedded PostgreSQL");
			try (Connection db = ServerProcess.connect(data)) {
				db.createStatement().execute("alter table audit_log disable trigger user");
				db.createStatement()
					.execute("update audit_log set username = 'mallory' where id = "
							+ "(select min(audit_id) from audit_chain)");
				db.createStatement().execute("alter table audit_log enable trigger user");
			}
			var tampered = ServerProcess.command(data, "audit-verify", Map.of());
			assertThat(tampered.exitCode()).as(tampered.output()).isEqualTo(3);
			assertThat(tampered.output()).contains("AUDIT LOG TAMPERED")
				.contains("was changed after it was recorded")
				.doesNotContain("mallory");
			assertThat(server
				.post("/api/token", "application/x-www-form-urlencoded", "username=nurse&password=test-password-1",
						null)
				.statusCode()).as("server still serves").isEqualTo(200);
		}
	}

}
