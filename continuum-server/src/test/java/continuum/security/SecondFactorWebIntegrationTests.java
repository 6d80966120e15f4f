package continuum.security;

import java.net.http.HttpResponse;
import java.util.HexFormat;
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
 * The second factor at web sign-in, over HTTP: set up from the account page with a first
 * code; after the password the session is signed in for nothing (no page, no DICOMweb)
 * until a code of the authenticator — never one used before — or a recovery code, once;
 * wrong codes count towards the lockout, and a right password does not clear their count.
 * A privileged account without one sets one up before anything else, and gets API tokens
 * only with a code. Secrets are stored sealed. Every step is audited, never a code.
 */
@ContinuumIntegrationTest
class SecondFactorWebIntegrationTests {

	private static final String PASSWORD = "twee-factoren-1";

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
	void aNurseSetsUpAnAuthenticatorAndSignsInWithItsCodesOnlyOnce() throws Exception {
		String username = accounts.create("NURSE", PASSWORD);
		WebSession nurse = WebSession.signIn(port, username, PASSWORD);
		assertThat(nurse.get("/account/second-factor").body()).contains("No second factor is set up");
		nurse.post("/account/second-factor/begin", Map.of());
		String setUp = nurse.get("/account/second-factor").body();
		assertThat(setUp).contains("otpauth://totp/Continuum%3A" + username + "?secret=", "issuer=Continuum",
				"digits=6", "period=30");
		TestAuthenticator app = TestAuthenticator.fromPage(setUp);
		assertThat(app.secret()).hasSize(20);
		HttpResponse<String> wrong = nurse.post("/account/second-factor/confirm", Map.of("code", "000000"));
		assertThat(wrong.statusCode()).isEqualTo(422);
		assertThat(wrong.body()).contains("The code does not match");
		HttpResponse<String> confirmed = nurse.post("/account/second-factor/confirm", Map.of("code", app.code()));
		assertThat(confirmed.statusCode()).isEqualTo(200);
		app.keepRecoveryCodes(confirmed.body());
		assertThat(app.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
		byte[] stored = jdbc.sql("select secret from second_factor where account_id = :id")
			.param("id", accounts.id(username))
			.query(byte[].class)
			.single();
		assertThat(HexFormat.of().formatHex(stored)).as("sealed, not in clear")
			.doesNotContain(HexFormat.of().formatHex(app.secret()));
		assertThat(jdbc.sql("select count(*) from recovery_code where account_id = :id")
			.param("id", accounts.id(username))
			.query(Integer.class)
			.single()).isEqualTo(10);

		WebSession again = WebSession.signIn(port, username, PASSWORD);
		HttpResponse<String> askedForCode = again.get("/patients");
		assertThat(askedForCode.statusCode()).as("not signed in by the password alone").isEqualTo(302);
		assertThat(WebSession.location(askedForCode)).endsWith("/login");
		assertThat(again.get("/dicomweb/studies").statusCode()).isEqualTo(401);
		assertThat(again.get("/login/code").body()).contains("Code from your authenticator app");
		HttpResponse<String> used = again.post("/login/code", Map.of("code", app.usedCode()));
		assertThat(used.statusCode()).as("the code that confirmed the set-up").isEqualTo(422);
		assertThat(used.body()).contains("was used already");
		HttpResponse<String> signedIn = again.post("/login/code", Map.of("code", app.code()));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(signedIn)).doesNotContain("/login");
		assertThat(signedIn.headers().allValues("Set-Cookie")).as("a new session id once signed in")
			.anyMatch(cookie -> cookie.startsWith("SESSION="));
		assertThat(again.get("/patients").statusCode()).isEqualTo(200);

		WebSession third = WebSession.signIn(port, username, PASSWORD);
		assertThat(third.get("/login/code").statusCode()).isEqualTo(200);
		assertThat(third.post("/login/code", Map.of("code", app.usedCode())).statusCode())
			.as("a code used at sign-in, in another session")
			.isEqualTo(422);

		assertThat(logins(username)).contains("SUCCESS password; second factor to follow",
				"SUCCESS web sign-in: second factor, authenticator code", "DENIED WrongSecondFactorCodeException");
		assertThat(changes(username)).contains("second factor set up: authenticator app, 10 new recovery codes");
		assertThat(everyDetail(username)).noneMatch(detail -> detail.contains(app.usedCode()));
	}

	@Test
	void aRecoveryCodeSignsInOnceAndWrongCodesCountTowardsTheLockout() throws Exception {
		String username = accounts.create("PHYSICIAN", PASSWORD);
		TestAuthenticator app = TestAuthenticator.enrol(WebSession.signIn(port, username, PASSWORD));
		String recovery = app.recoveryCodes().get(3);

		WebSession withRecovery = WebSession.signIn(port, username, PASSWORD);
		withRecovery.get("/login/code");
		HttpResponse<String> signedIn = withRecovery.post("/login/code", Map.of("code", recovery.toUpperCase()));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(withRecovery.get("/patients").statusCode()).isEqualTo(200);
		assertThat(withRecovery.get("/account/second-factor").body()).contains("9 recovery codes left");

		WebSession reused = WebSession.signIn(port, username, PASSWORD);
		reused.get("/login/code");
		assertThat(reused.post("/login/code", Map.of("code", recovery)).statusCode()).isEqualTo(422);
		for (int i = 0; i < 2; i++) {
			assertThat(reused.post("/login/code", Map.of("code", "123456")).statusCode()).isEqualTo(422);
		}
		assertThat(failures(username)).isEqualTo(3);
		WebSession passwordAgain = WebSession.signIn(port, username, PASSWORD);
		assertThat(failures(username)).as("a right password does not clear the count").isEqualTo(3);
		passwordAgain.get("/login/code");
		passwordAgain.post("/login/code", Map.of("code", "654321"));
		HttpResponse<String> locking = passwordAgain.post("/login/code", Map.of("code", "111111"));
		assertThat(locking.statusCode()).isEqualTo(422);
		assertThat(jdbc.sql("select locked_until is not null from app_user where username = :u")
			.param("u", username)
			.query(Boolean.class)
			.single()).as("locked after five failures").isTrue();
		HttpResponse<String> locked = passwordAgain.post("/login/code", Map.of("code", app.code()));
		assertThat(WebSession.location(locked)).endsWith("/login?error");
		assertThat(passwordAgain.get("/patients").statusCode()).isEqualTo(302);
		assertThat(logins(username)).contains("SUCCESS web sign-in: second factor, recovery code (9 left)");
	}

	@Test
	void aPrivilegedAccountSetsUpASecondFactorBeforeAnythingElseAndGetsTokensOnlyWithACode() throws Exception {
		String username = accounts.createPrivileged("AUDITOR", PASSWORD);
		WebSession auditor = WebSession.signIn(port, username, PASSWORD);
		HttpResponse<String> audit = auditor.get("/audit");
		assertThat(audit.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(audit)).endsWith("/login");
		assertThat(auditor.get("/login/code").statusCode()).as("nothing to give a code for yet").isEqualTo(302);
		HttpResponse<String> enrolPage = auditor.get("/login/enrol");
		assertThat(enrolPage.body()).contains("Your account signs in with a second factor");
		TestAuthenticator app = TestAuthenticator.fromPage(enrolPage.body());
		assertThat(auditor.post("/login/enrol", Map.of("code", "000000")).statusCode()).isEqualTo(422);
		HttpResponse<String> enrolled = auditor.post("/login/enrol", Map.of("code", app.code()));
		assertThat(enrolled.statusCode()).isEqualTo(200);
		app.keepRecoveryCodes(enrolled.body());
		assertThat(app.recoveryCodes()).hasSize(10);
		assertThat(auditor.get("/audit").statusCode()).isEqualTo(200);
		HttpResponse<String> own = auditor.get("/account/second-factor");
		assertThat(own.body()).contains("it cannot be turned off").doesNotContain("Turn it off");

		HttpResponse<String> byPassword = accounts.token(username, PASSWORD, null);
		assertThat(byPassword.statusCode()).isEqualTo(401);
		assertThat(byPassword.body()).contains("\"error\":\"invalid_grant\"", "second factor", "otp");
		assertThat(accounts.token(username, PASSWORD, app.recoveryCodes().get(0)).body())
			.contains("recovery codes are for the web sign-in");
		HttpResponse<String> withCode = accounts.token(username, PASSWORD, app.code());
		assertThat(withCode.statusCode()).isEqualTo(200);
		assertThat(withCode.body()).contains("access_token");
		assertThat(accounts.token(username, PASSWORD, app.usedCode()).statusCode()).as("a code once").isEqualTo(401);
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = :u and action = 'TOKEN' and outcome = 'DENIED'
				  and detail like 'second factor:%'""").param("u", username).query(Integer.class).single())
			.isEqualTo(3);
	}

	@Test
	void aPrivilegedAccountWithoutAnAuthenticatorGetsNoTokenAndAnOptionalOneCanBeTurnedOff() throws Exception {
		String admin = accounts.createPrivileged("ADMIN", PASSWORD);
		HttpResponse<String> refused = accounts.token(admin, PASSWORD, null);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("set up an authenticator first");

		String scheduler = accounts.create("SCHEDULER", PASSWORD);
		WebSession session = WebSession.signIn(port, scheduler, PASSWORD);
		TestAuthenticator app = TestAuthenticator.enrol(session);
		assertThat(accounts.token(scheduler, PASSWORD, null).statusCode()).as("an optional one counts too")
			.isEqualTo(401);
		session.get("/account/second-factor");
		assertThat(session.post("/account/second-factor/remove", Map.of("code", "999999")).statusCode()).isEqualTo(422);
		HttpResponse<String> removed = session.post("/account/second-factor/remove",
				Map.of("code", app.recoveryCodes().get(0)));
		assertThat(WebSession.location(removed)).endsWith("/account/second-factor?done=removed");
		assertThat(accounts.token(scheduler, PASSWORD, null).statusCode()).isEqualTo(200);
		assertThat(WebSession.signIn(port, scheduler, PASSWORD).get("/patients").statusCode()).isEqualTo(200);
		assertThat(changes(scheduler)).contains("second factor turned off by its user");
	}

	@Test
	void anAdministratorResetsASecondFactorAtOnceForANurseAndOnlyWithASecondOneForAnAuditor() throws Exception {
		String nurse = accounts.create("NURSE", PASSWORD);
		TestAuthenticator.enrol(WebSession.signIn(port, nurse, PASSWORD));
		WebSession admin = WebSession.signIn(port, "admin");
		long nurseId = accounts.id(nurse);
		assertThat(admin.get("/admin/staff/" + nurseId).body()).contains("authenticator app set up");
		HttpResponse<String> reset = admin.post("/admin/staff/" + nurseId + "/second-factor", Map.of());
		assertThat(WebSession.location(reset)).endsWith("?done=second-factor");
		assertThat(WebSession.signIn(port, nurse, PASSWORD).get("/patients").statusCode()).isEqualTo(200);
		assertThat(changes(nurse)).contains("second factor reset by an administrator; recovery codes removed");

		String auditor = accounts.createPrivileged("AUDITOR", PASSWORD);
		WebSession auditorSession = WebSession.signIn(port, auditor, PASSWORD);
		TestAuthenticator app = TestAuthenticator.fromPage(auditorSession.get("/login/enrol").body());
		assertThat(auditorSession.post("/login/enrol", Map.of("code", app.code())).statusCode()).isEqualTo(200);
		long auditorId = accounts.id(auditor);
		admin.get("/admin/staff/" + auditorId);
		HttpResponse<String> requested = admin.post("/admin/staff/" + auditorId + "/second-factor", Map.of());
		assertThat(WebSession.location(requested)).endsWith("/admin/staff/approvals?done=requested");
		assertThat(jdbc.sql("select count(*) from second_factor where account_id = :id")
			.param("id", auditorId)
			.query(Integer.class)
			.single()).as("untouched until approved").isEqualTo(1);
		assertThat(accounts.decide("admin2", accounts.openRequest(auditor), "approve").statusCode()).isEqualTo(302);
		assertThat(jdbc.sql("select count(*) from second_factor where account_id = :id")
			.param("id", auditorId)
			.query(Integer.class)
			.single()).isZero();
		assertThat(changes(auditor)).anyMatch(detail -> detail
			.startsWith("second factor reset; recovery codes " + "removed; approved by admin2, requested by admin"));
	}

	/** The account's sign-ins as "OUTCOME detail", oldest first. */
	private List<String> logins(String username) {
		return jdbc.sql("""
				select outcome || ' ' || coalesce(detail, '') from audit_log
				where username = :u and action = 'LOGIN' order by id""")
			.param("u", username)
			.query(String.class)
			.list();
	}

	/** The details of the changes to the account, oldest first. */
	private List<String> changes(String username) {
		return jdbc.sql("""
				select detail from audit_log where resource_type = 'Practitioner' and action = 'UPDATE'
				  and resource_id = (select cast(id as varchar) from app_user where username = :u) order by id""")
			.param("u", username)
			.query(String.class)
			.list();
	}

	private List<String> everyDetail(String username) {
		return jdbc.sql("select coalesce(detail, '') from audit_log where username = :u")
			.param("u", username)
			.query(String.class)
			.list();
	}

	private int failures(String username) {
		return jdbc.sql("select failed_attempts from app_user where username = :u")
			.param("u", username)
			.query(Integer.class)
			.single();
	}

}
