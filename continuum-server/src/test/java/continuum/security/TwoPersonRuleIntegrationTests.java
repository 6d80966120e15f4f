package continuum.security;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.web.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-person rule on the staff pages: one administrator alone cannot create an
 * auditor or an administrator, reset one's password or enable one again; the request
 * waits until another administrator approves it (then it is done) or rejects it, or it
 * expires (then nothing is done); its requester cannot approve it. Every request,
 * decision and refused decision is audited, and the requested password is kept only as a
 * hash until the decision.
 */
@ContinuumIntegrationTest
class TwoPersonRuleIntegrationTests {

	private static final String PASSWORD = "vier-ogen-principe";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private TestAccounts accounts;

	@BeforeEach
	void accounts() {
		accounts = new TestAccounts(port, jdbc);
	}

	@Test
	void oneAdministratorAloneCannotCreateAnAuditorAndASecondOneApproves() throws Exception {
		String username = TestAccounts.username("aud");
		long request = accounts.request(username, "AUDITOR", PASSWORD);
		assertThat(exists(username)).isFalse();
		assertThat(jdbc.sql("select password_hash from staff_approval where id = :id")
			.param("id", request)
			.query(String.class)
			.single()).startsWith("{bcrypt}").doesNotContain(PASSWORD);

		WebSession admin = WebSession.signIn(port, "admin");
		String page = admin.get("/admin/staff/approvals").body();
		String row = page.substring(page.indexOf("id=\"request-" + request + "\""));
		row = row.substring(0, row.indexOf("</tr>"));
		assertThat(row).contains("create the account " + username + " (AUDITOR)", "open until", "Withdraw")
			.as("no approval offered to its requester")
			.doesNotContain("Approve and do it");
		HttpResponse<String> own = admin.post("/admin/staff/approvals/" + request + "/approve", Map.of());
		assertThat(own.statusCode()).isEqualTo(409);
		assertThat(own.body()).contains("its requester cannot approve it");
		assertThat(exists(username)).isFalse();

		HttpResponse<String> approved = accounts.decide("admin2", request, "approve");
		assertThat(WebSession.location(approved)).endsWith("/admin/staff/approvals?done=approved");
		assertThat(exists(username)).isTrue();
		assertThat(jdbc.sql("select role from app_user where username = :u")
			.param("u", username)
			.query(String.class)
			.single()).isEqualTo("AUDITOR");
		assertThat(jdbc.sql("select password_hash is null from staff_approval where id = :id")
			.param("id", request)
			.query(Boolean.class)
			.single()).as("the requested password's hash dropped once decided").isTrue();
		assertThat(accounts.decide("admin2", request, "approve").statusCode()).as("once").isEqualTo(409);

		assertThat(approvalAudit(request)).containsExactly(
				"CREATE SUCCESS admin requested: create the account " + username + " (AUDITOR)",
				"UPDATE DENIED admin decision refused: its requester cannot approve it",
				"UPDATE SUCCESS admin2 approved and carried out: create the account " + username + " (AUDITOR)",
				"UPDATE DENIED admin2 decision refused: already approved by admin2");
		assertThat(jdbc
			.sql("""
					select detail || ' by ' || username from audit_log where resource_type = 'Practitioner'
					  and action = 'CREATE' and resource_id = (select cast(id as varchar) from app_user where username = :u)""")
			.param("u", username)
			.query(String.class)
			.single())
			.isEqualTo("account created with role AUDITOR; approved by admin2, requested by admin (request " + request
					+ ") by admin2");
	}

	@Test
	void rejectedWithdrawnAndExpiredRequestsDoNothing() throws Exception {
		String rejectedName = TestAccounts.username("adm");
		long rejected = accounts.request(rejectedName, "ADMIN", PASSWORD);
		assertThat(WebSession.location(accounts.decide("admin2", rejected, "reject"))).endsWith("?done=rejected");
		assertThat(accounts.decide("admin2", rejected, "approve").statusCode()).isEqualTo(409);
		assertThat(exists(rejectedName)).isFalse();

		String withdrawnName = TestAccounts.username("adm");
		long withdrawn = accounts.request(withdrawnName, "ADMIN", PASSWORD);
		accounts.decide("admin", withdrawn, "reject");
		assertThat(accounts.decide("admin2", withdrawn, "approve").statusCode()).isEqualTo(409);
		assertThat(exists(withdrawnName)).isFalse();

		String expiredName = TestAccounts.username("aud");
		long expired = accounts.request(expiredName, "AUDITOR", PASSWORD);
		// A day passes: the request's expiry moves into the past (the shared clock
		// stays).
		jdbc.sql("update staff_approval set expires_at = now() - interval '1 minute' where id = :id")
			.param("id", expired)
			.update();
		HttpResponse<String> late = accounts.decide("admin2", expired, "approve");
		assertThat(late.statusCode()).isEqualTo(409);
		assertThat(late.body()).contains("expired at");
		assertThat(exists(expiredName)).isFalse();
		assertThat(WebSession.signIn(port, "admin2").get("/admin/staff/approvals").body())
			.contains("rejected by admin2", "withdrawn by admin");
		assertThat(jdbc.sql("select password_hash is null from staff_approval where id = :id")
			.param("id", expired)
			.query(Boolean.class)
			.single()).as("dropped once the list was read after expiry").isTrue();

		assertThat(approvalAudit(rejected))
			.contains("UPDATE SUCCESS admin2 rejected: create the account " + rejectedName + " (ADMIN)");
		assertThat(approvalAudit(withdrawn)).contains("UPDATE SUCCESS admin withdrawn by its requester: create the "
				+ "account " + withdrawnName + " (ADMIN)");
		assertThat(approvalAudit(expired))
			.anyMatch(row -> row.startsWith("UPDATE DENIED admin2 decision refused: " + "expired at"));
	}

	@Test
	void aPrivilegedAccountsPasswordAndReEnablingTakeTwoAdministrators() throws Exception {
		String username = accounts.createPrivileged("ADMIN", PASSWORD);
		long id = accounts.id(username);
		WebSession admin = WebSession.signIn(port, "admin");
		admin.get("/admin/staff/" + id);
		HttpResponse<String> reset = admin.post("/admin/staff/" + id + "/password",
				Map.of("password", "nieuw-wachtwoord-7", "confirm", "nieuw-wachtwoord-7"));
		assertThat(WebSession.location(reset)).endsWith("/admin/staff/approvals?done=requested");
		assertThat(accounts.token(username, "nieuw-wachtwoord-7", null).body()).contains("invalid credentials");
		assertThat(accounts.decide("admin2", accounts.openRequest(username), "approve").statusCode()).isEqualTo(302);
		assertThat(accounts.token(username, "nieuw-wachtwoord-7", null).body())
			.as("the new password is right; the account still has to set up a second factor")
			.contains("set up an authenticator first");

		admin.get("/admin/staff/" + id);
		HttpResponse<String> disabled = admin.post("/admin/staff/" + id + "/enabled", Map.of("enabled", "false"));
		assertThat(WebSession.location(disabled)).as("disabling takes one").endsWith("?done=disabled");
		admin.get("/admin/staff/" + id);
		HttpResponse<String> enable = admin.post("/admin/staff/" + id + "/enabled", Map.of("enabled", "true"));
		assertThat(WebSession.location(enable)).endsWith("/admin/staff/approvals?done=requested");
		assertThat(enabled(username)).isFalse();
		assertThat(accounts.decide("admin2", accounts.openRequest(username), "approve").statusCode()).isEqualTo(302);
		assertThat(enabled(username)).isTrue();
		assertThat(jdbc.sql("""
				select detail from audit_log where resource_type = 'Practitioner' and action = 'UPDATE'
				  and resource_id = :id order by id""").param("id", Long.toString(id)).query(String.class).list())
			.anyMatch(d -> d.startsWith("password reset by an administrator; lockout lifted; sessions and tokens "
					+ "ended; approved by admin2, requested by admin"))
			.anyMatch(d -> d.startsWith("account enabled; approved by admin2, requested by admin"));
	}

	@Test
	void otherRolesNeitherRequestNorDecide() throws Exception {
		long request = accounts.request(TestAccounts.username("aud"), "AUDITOR", PASSWORD);
		WebSession nurse = WebSession.signIn(port, "nurse");
		assertThat(nurse.get("/admin/staff/approvals").statusCode()).isEqualTo(403);
		nurse.get("/patients");
		assertThat(nurse.post("/admin/staff/approvals/" + request + "/approve", Map.of()).statusCode()).isEqualTo(403);
		WebSession auditor = WebSession.signIn(port, "auditor");
		auditor.get("/audit");
		assertThat(auditor.post("/admin/staff/approvals/" + request + "/approve", Map.of()).statusCode())
			.isEqualTo(403);
		assertThat(jdbc.sql("select decision is null from staff_approval where id = :id")
			.param("id", request)
			.query(Boolean.class)
			.single()).isTrue();
	}

	/**
	 * The audit rows of the request, as "ACTION OUTCOME actor detail" without the expiry.
	 */
	private List<String> approvalAudit(long request) {
		return jdbc.sql("""
				select action || ' ' || outcome || ' ' || username || ' ' || detail from audit_log
				where resource_type = 'StaffApproval' and resource_id = :id order by id""")
			.param("id", Long.toString(request))
			.query(String.class)
			.list()
			.stream()
			.map(row -> row.replaceAll("; (expires|requested by) .*$", "").replaceAll("; create the account .*$", ""))
			.toList();
	}

	private boolean exists(String username) {
		return jdbc.sql("select count(*) from app_user where username = :u")
			.param("u", username)
			.query(Integer.class)
			.single() == 1;
	}

	private boolean enabled(String username) {
		return jdbc.sql("select enabled from app_user where username = :u")
			.param("u", username)
			.query(Boolean.class)
			.single();
	}

}
