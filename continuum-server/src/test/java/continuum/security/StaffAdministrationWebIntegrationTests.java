package continuum.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import continuum.web.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Administrators manage staff accounts in the web UI: a new account can sign in at once,
 * a reset password or a lifted lockout lets its user back in (and a reset ends what the
 * old password opened), a disabled account loses its open sessions and every way to sign
 * in, and a password an administrator chose must be replaced by its user first. Users
 * change their own password, proving the current one. Mistakes are answered field by
 * field; other roles may not manage accounts. Every change is audited, never with a
 * password.
 */
@ContinuumIntegrationTest
class StaffAdministrationWebIntegrationTests {

	private static final AtomicInteger ACCOUNTS = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAdminCreatesAnAccountThatCanSignInAtOnce() throws Exception {
		WebSession admin = WebSession.signIn(port, "admin");
		assertThat(admin.get("/patients").body()).contains("href=\"/admin/staff\"");
		assertThat(admin.get("/admin/staff/new").statusCode()).isEqualTo(200);
		String username = username();
		HttpResponse<String> created = admin.post("/admin/staff/new",
				form(username, "Dr.", "Lotte", "Vermeulen", "PHYSICIAN", "eerste-wachtwoord", "eerste-wachtwoord"));
		assertThat(created.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(created)).matches(".*/admin/staff/\\d+\\?done=created");
		HttpResponse<String> page = admin.get(path(WebSession.location(created)));
		assertThat(page.body()).contains("The account was created", "Dr. Lotte Vermeulen", username, "Physician",
				"active");
		assertThat(admin.get("/admin/staff?name=vermeulen&role=PHYSICIAN").body()).contains(username);

		WebSession newcomer = WebSession.signIn(port, username, "eerste-wachtwoord");
		assertThat(newcomer.get("/patients").statusCode()).isEqualTo(200);
		assertThat(newcomer.get("/patients").body()).doesNotContain("href=\"/admin/staff\"");
		assertThat(auditDetails(username)).containsExactly("CREATE account created with role PHYSICIAN by admin")
			.noneMatch(detail -> detail.contains("eerste-wachtwoord"));
	}

	@Test
	void mistakesInANewAccountAreAnsweredFieldByFieldAndCreateNothing() throws Exception {
		WebSession admin = WebSession.signIn(port, "admin");
		admin.get("/admin/staff/new");
		int accounts = accounts();

		HttpResponse<String> empty = admin.post("/admin/staff/new", form("", "", "", "", "", "", ""));
		assertThat(empty.statusCode()).isEqualTo(422);
		assertThat(empty.body()).contains("The account was not created", "Enter a username.", "Enter the given name.",
				"Enter the family name.", "Choose the role", "at least 8 characters");

		HttpResponse<String> wrong = admin.post("/admin/staff/new",
				form("Jan Peeters", "", "Jan", "Peeters", "ASTRONAUT", "kort", "kort"));
		assertThat(wrong.statusCode()).isEqualTo(422);
		assertThat(wrong.body()).contains("lower-case letters", "Choose the role", "at least 8 characters")
			.contains("value=\"Jan Peeters\"");

		HttpResponse<String> differ = admin.post("/admin/staff/new",
				form(username(), "", "Jan", "Peeters", "NURSE", "geheim-wachtwoord", "geheim-wachtwoort"));
		assertThat(differ.statusCode()).isEqualTo(422);
		assertThat(differ.body()).contains("The two passwords differ").doesNotContain("geheim-wachtwoord");

		HttpResponse<String> tooLong = admin.post("/admin/staff/new", form(username(), "Prof. dr. em. ir. arch.", "Jan",
				"P".repeat(101), "NURSE", "geheim-wachtwoord", "geheim-wachtwoord"));
		assertThat(tooLong.statusCode()).isEqualTo(422);
		assertThat(tooLong.body()).contains("names have at most 100 characters, a title at most 20");

		String name = username();
		HttpResponse<String> weak = admin.post("/admin/staff/new",
				form(name, "", "Jan", "Peeters", "NURSE", "Welkom123", "Welkom123"));
		assertThat(weak.statusCode()).isEqualTo(422);
		assertThat(weak.body()).contains("first anyone guessing would try");
		HttpResponse<String> own = admin.post("/admin/staff/new",
				form(name, "", "Jan", "Peeters", "NURSE", name + "-2026", name + "-2026"));
		assertThat(own.statusCode()).isEqualTo(422);
		assertThat(own.body()).contains("does not contain the username");
		HttpResponse<String> longPassword = admin.post("/admin/staff/new",
				form(name, "", "Jan", "Peeters", "NURSE", "x".repeat(100), "x".repeat(100)));
		assertThat(longPassword.statusCode()).as("bcrypt reads 72 bytes").isEqualTo(422);
		assertThat(longPassword.body()).contains("at most 72 bytes");

		HttpResponse<String> taken = admin.post("/admin/staff/new",
				form("nurse", "", "Jan", "Peeters", "NURSE", "geheim-wachtwoord", "geheim-wachtwoord"));
		assertThat(taken.statusCode()).isEqualTo(422);
		assertThat(taken.body()).contains("This username is already taken");
		assertThat(accounts()).isEqualTo(accounts);
	}

	@Test
	void disablingAnAccountEndsItsSessionsAndEveryWayToSignIn() throws Exception {
		WebSession admin = WebSession.signIn(port, "admin");
		String username = username();
		long id = create(admin, username, "NURSE", "verpleging-123");
		WebSession nurse = WebSession.signIn(port, username, "verpleging-123");
		assertThat(nurse.get("/patients").statusCode()).isEqualTo(200);
		String token = FhirTestSupport.token(port, username, "verpleging-123");
		assertThat(fhirRead(token)).isEqualTo(200);

		admin.get("/admin/staff/" + id);
		HttpResponse<String> disabled = admin.post("/admin/staff/" + id + "/enabled", Map.of("enabled", "false"));
		assertThat(WebSession.location(disabled)).endsWith("/admin/staff/" + id + "?done=disabled");
		assertThat(admin.get("/admin/staff/" + id).body()).contains("disabled: cannot sign in");

		HttpResponse<String> after = nurse.get("/patients");
		assertThat(after.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(after)).endsWith("/login");
		assertThatIllegalStateException().isThrownBy(() -> WebSession.signIn(port, username, "verpleging-123"));
		assertThat(token(username, "verpleging-123")).isEqualTo(401);
		assertThat(fhirRead(token)).as("the token it held").isEqualTo(401);

		admin.get("/admin/staff/" + id);
		admin.post("/admin/staff/" + id + "/enabled", Map.of("enabled", "true"));
		assertThat(WebSession.signIn(port, username, "verpleging-123").get("/patients").statusCode()).isEqualTo(200);
		assertThat(token(username, "verpleging-123")).isEqualTo(200);
		assertThat(auditDetails(username)).containsExactly("CREATE account created with role NURSE by admin",
				"UPDATE account disabled, sessions ended by admin", "UPDATE account enabled by admin");
	}

	@Test
	void aResetPasswordOrALiftedLockoutLetsTheUserBackIn() throws Exception {
		WebSession admin = WebSession.signIn(port, "admin");
		String username = username();
		long id = create(admin, username, "SCHEDULER", "planning-123");
		// Its user signs in from here once: failures from an address the account never
		// signed in from do not lock it (docs/security.md, "Abuse limits").
		token(username, "planning-123");
		for (int i = 0; i < 5; i++) {
			assertThat(token(username, "wrong-password")).isEqualTo(401);
		}
		assertThat(token(username, "planning-123")).as("locked").isEqualTo(401);
		HttpResponse<String> page = admin.get("/admin/staff/" + id);
		assertThat(page.body()).contains("locked after repeated failed sign-ins", "Lift the lockout");

		admin.post("/admin/staff/" + id + "/unlock", Map.of());
		assertThat(admin.get("/admin/staff/" + id + "?done=unlocked").body()).contains("The lockout was lifted")
			.doesNotContain("Lift the lockout");
		assertThat(token(username, "planning-123")).isEqualTo(200);

		HttpResponse<String> tooShort = admin.post("/admin/staff/" + id + "/password",
				Map.of("password", "kort", "confirm", "kort"));
		assertThat(tooShort.statusCode()).isEqualTo(422);
		assertThat(tooShort.body()).contains("at least 8 characters");
		WebSession scheduler = WebSession.signIn(port, username, "planning-123");
		String heldToken = FhirTestSupport.token(port, username, "planning-123");
		assertThat(fhirRead(heldToken)).isEqualTo(200);
		admin.get("/admin/staff/" + id);
		HttpResponse<String> reset = admin.post("/admin/staff/" + id + "/password",
				Map.of("password", "nieuw-wachtwoord", "confirm", "nieuw-wachtwoord"));
		assertThat(WebSession.location(reset)).endsWith("?done=password");
		assertThat(admin.get("/admin/staff/" + id + "?done=password").body()).contains("sessions and API tokens ended")
			.doesNotContain("must choose their own");
		assertThat(token(username, "planning-123")).isEqualTo(401);
		assertThat(token(username, "nieuw-wachtwoord")).isEqualTo(200);
		assertThat(WebSession.location(scheduler.get("/patients"))).as("the session the old password opened")
			.endsWith("/login");
		assertThat(fhirRead(heldToken)).as("the token the old password gave").isEqualTo(401);
		assertThat(admin.get("/patients").statusCode()).as("the admin's own session").isEqualTo(200);
		assertThat(auditDetails(username))
			.contains("UPDATE lockout lifted by an administrator by admin",
					"UPDATE password reset by an administrator; lockout lifted; sessions and tokens ended by admin")
			.noneMatch(detail -> detail.contains("wachtwoord"));
	}

	@Test
	void aUserWhosePasswordAnAdministratorChoseMustChooseTheirOwnBeforeAnythingElse() throws Exception {
		WebSession admin = WebSession.signIn(port, "admin");
		String username = username();
		admin.get("/admin/staff/new");
		Map<String, String> fields = form(username, "", "Ines", "Claes", "NURSE", "door-admin-1", "door-admin-1");
		fields.put("changeRequired", "true");
		HttpResponse<String> created = admin.post("/admin/staff/new", fields);
		assertThat(created.statusCode()).isEqualTo(302);
		String accountPage = path(WebSession.location(created));
		assertThat(admin.get(accountPage).body()).contains("must choose their own at the next sign-in");

		WebSession nurse = WebSession.signIn(port, username, "door-admin-1");
		for (String page : List.of("/", "/patients", "/wards", "/scheduling/worklist")) {
			HttpResponse<String> response = nurse.get(page);
			assertThat(response.statusCode()).as(page).isEqualTo(302);
			assertThat(WebSession.location(response)).as(page).endsWith("/account/password");
		}
		assertThat(nurse.get("/account/password").body()).contains("An administrator chose your current password");
		assertThat(tokenResponse(username, "door-admin-1").body()).contains("invalid_grant",
				"sign in to the web UI and choose your own first");

		HttpResponse<String> same = nurse.post("/account/password",
				Map.of("current", "door-admin-1", "password", "door-admin-1", "confirm", "door-admin-1"));
		assertThat(same.statusCode()).isEqualTo(422);
		assertThat(same.body()).contains("Choose a password other than the current one");
		HttpResponse<String> changed = nurse.post("/account/password",
				Map.of("current", "door-admin-1", "password", "mijn-eigen-1", "confirm", "mijn-eigen-1"));
		assertThat(WebSession.location(changed)).endsWith("/account/password?done");
		assertThat(nurse.get("/account/password?done").body()).contains("Your password was changed")
			.doesNotContain("An administrator chose");
		assertThat(nurse.get("/patients").statusCode()).isEqualTo(200);
		assertThat(token(username, "mijn-eigen-1")).isEqualTo(200);
		assertThat(token(username, "door-admin-1")).isEqualTo(401);
		assertThat(admin.get(accountPage).body()).doesNotContain("must choose their own");
		assertThat(auditDetails(username)).containsExactly(
				"CREATE account created with role NURSE; password to be changed at first sign-in by admin",
				"UPDATE password changed by its user; other sessions and tokens ended by " + username);
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = :username and action = 'TOKEN' and outcome = 'DENIED'
				  and detail = 'password chosen by an administrator not yet changed'""")
			.param("username", username)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aUserChangesTheirOwnPasswordWhichEndsTheirOtherSessionsAndTokens() throws Exception {
		WebSession admin = WebSession.signIn(port, "admin");
		String username = username();
		create(admin, username, "PHYSICIAN", "eerste-wachtwoord");
		WebSession desk = WebSession.signIn(port, username, "eerste-wachtwoord");
		WebSession ward = WebSession.signIn(port, username, "eerste-wachtwoord");
		String heldToken = FhirTestSupport.token(port, username, "eerste-wachtwoord");
		assertThat(desk.get("/patients").body()).contains("href=\"/account/password\"");
		assertThat(desk.get("/account/password").body()).doesNotContain("An administrator chose");

		HttpResponse<String> empty = desk.post("/account/password",
				Map.of("current", "", "password", "kort", "confirm", "kort"));
		assertThat(empty.statusCode()).isEqualTo(422);
		assertThat(empty.body()).contains("Enter your current password", "at least 8 characters");
		HttpResponse<String> withName = desk.post("/account/password", Map.of("current", "eerste-wachtwoord",
				"password", "nieuw-" + username, "confirm", "nieuw-" + username));
		assertThat(withName.statusCode()).isEqualTo(422);
		assertThat(withName.body()).contains("does not contain the username");
		HttpResponse<String> differ = desk.post("/account/password", Map.of("current", "eerste-wachtwoord", "password",
				"tweede-wachtwoord", "confirm", "tweede-wachtwoort"));
		assertThat(differ.statusCode()).isEqualTo(422);
		assertThat(differ.body()).contains("The two passwords differ").doesNotContain("tweede-wachtwoord");
		HttpResponse<String> wrong = desk.post("/account/password", Map.of("current", "geraden-wachtwoord", "password",
				"tweede-wachtwoord", "confirm", "tweede-wachtwoord"));
		assertThat(wrong.statusCode()).isEqualTo(422);
		assertThat(wrong.body()).contains("The current password is wrong");
		assertThat(token(username, "tweede-wachtwoord")).as("nothing changed").isEqualTo(401);
		assertThat(fhirRead(heldToken)).isEqualTo(200);

		HttpResponse<String> changed = desk.post("/account/password", Map.of("current", "eerste-wachtwoord", "password",
				"tweede-wachtwoord", "confirm", "tweede-wachtwoord"));
		assertThat(WebSession.location(changed)).endsWith("/account/password?done");
		assertThat(desk.get("/patients").statusCode()).as("the session that changed it").isEqualTo(200);
		assertThat(WebSession.location(ward.get("/patients"))).as("another session").endsWith("/login");
		assertThat(fhirRead(heldToken)).as("a token it held").isEqualTo(401);
		assertThat(token(username, "eerste-wachtwoord")).isEqualTo(401);
		assertThat(token(username, "tweede-wachtwoord")).isEqualTo(200);
		assertThat(auditDetails(username))
			.containsExactly("CREATE account created with role PHYSICIAN by admin",
					"UPDATE own password change: current password wrong by " + username,
					"UPDATE password changed by its user; other sessions and tokens ended by " + username)
			.noneMatch(detail -> detail.contains("wachtwoord"));
	}

	@Test
	void aUserSignsOutEverywhereElse() throws Exception {
		WebSession admin = WebSession.signIn(port, "admin");
		String username = username();
		create(admin, username, "NURSE", "overal-weg-1");
		WebSession here = WebSession.signIn(port, username, "overal-weg-1");
		WebSession leftOpen = WebSession.signIn(port, username, "overal-weg-1");
		String token = FhirTestSupport.token(port, username, "overal-weg-1");
		assertThat(fhirRead(token)).isEqualTo(200);
		assertThat(here.get("/account/password").body()).contains("Sign out everywhere else");

		HttpResponse<String> ended = here.post("/account/password/sessions", Map.of());
		assertThat(WebSession.location(ended)).endsWith("/account/password?ended");
		assertThat(here.get("/account/password?ended").body())
			.contains("Your other sessions and your API tokens ended");
		assertThat(here.get("/patients").statusCode()).isEqualTo(200);
		assertThat(WebSession.location(leftOpen.get("/patients"))).endsWith("/login");
		assertThat(fhirRead(token)).isEqualTo(401);
		assertThat(fhirRead(FhirTestSupport.token(port, username, "overal-weg-1"))).as("the password still works")
			.isEqualTo(200);
		assertThat(auditDetails(username))
			.contains("UPDATE signed out everywhere else by its user: other sessions and tokens ended by " + username);
	}

	@Test
	void wrongCurrentPasswordsLockTheAccountAsAtSignIn() throws Exception {
		WebSession admin = WebSession.signIn(port, "admin");
		String username = username();
		long id = create(admin, username, "NURSE", "juist-wachtwoord");
		WebSession nurse = WebSession.signIn(port, username, "juist-wachtwoord");
		nurse.get("/account/password");
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> wrong = nurse.post("/account/password", Map.of("current", "gok-" + i + "-wachtwoord",
					"password", "nieuw-wachtwoord", "confirm", "nieuw-wachtwoord"));
			assertThat(wrong.body()).contains("The current password is wrong");
		}
		HttpResponse<String> locked = nurse.post("/account/password",
				Map.of("current", "juist-wachtwoord", "password", "nieuw-wachtwoord", "confirm", "nieuw-wachtwoord"));
		assertThat(locked.statusCode()).isEqualTo(422);
		assertThat(locked.body()).contains("The account is locked");
		assertThat(token(username, "juist-wachtwoord")).isEqualTo(401);
		assertThat(admin.get("/admin/staff/" + id).body()).contains("locked after repeated failed sign-ins");
	}

	@Test
	void onlyAdministratorsManageAccountsAndNoAdminDisablesTheirOwn() throws Exception {
		WebSession admin = WebSession.signIn(port, "admin");
		long adminId = jdbc.sql("select id from app_user where username = 'admin'").query(Long.class).single();
		admin.get("/admin/staff/" + adminId);
		HttpResponse<String> own = admin.post("/admin/staff/" + adminId + "/enabled", Map.of("enabled", "false"));
		assertThat(own.statusCode()).isEqualTo(409);
		assertThat(own.body()).contains("You cannot disable your own account");
		assertThat(jdbc.sql("select enabled from app_user where id = :id")
			.param("id", adminId)
			.query(Boolean.class)
			.single()).isTrue();

		WebSession nurse = WebSession.signIn(port, "nurse");
		assertThat(nurse.get("/admin/staff/new").statusCode()).isEqualTo(403);
		nurse.get("/patients");
		int accounts = accounts();
		assertThat(nurse
			.post("/admin/staff/new",
					form(username(), "", "Jan", "Peeters", "ADMIN", "een-wachtwoord", "een-wachtwoord"))
			.statusCode()).isEqualTo(403);
		assertThat(nurse
			.post("/admin/staff/" + adminId + "/password",
					Map.of("password", "overgenomen-1", "confirm", "overgenomen-1"))
			.statusCode()).isEqualTo(403);
		assertThat(nurse.post("/admin/staff/" + adminId + "/enabled", Map.of("enabled", "false")).statusCode())
			.isEqualTo(403);
		assertThat(accounts()).isEqualTo(accounts);
		assertThat(WebSession.signIn(port, "admin").get("/patients").statusCode()).isEqualTo(200);
	}

	private long create(WebSession admin, String username, String role, String password) throws Exception {
		admin.get("/admin/staff/new");
		HttpResponse<String> created = admin.post("/admin/staff/new",
				form(username, "", "Test", "Gebruiker", role, password, password));
		assertThat(created.statusCode()).isEqualTo(302);
		String location = WebSession.location(created);
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1, location.indexOf('?')));
	}

	private static Map<String, String> form(String username, String prefix, String given, String family, String role,
			String password, String confirm) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", username);
		form.put("prefix", prefix);
		form.put("givenName", given);
		form.put("familyName", family);
		form.put("role", role);
		form.put("password", password);
		form.put("confirm", confirm);
		return form;
	}

	private int token(String username, String password) throws Exception {
		return tokenResponse(username, password).statusCode();
	}

	private HttpResponse<String> tokenResponse(String username, String password) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private int fhirRead(String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/Patient?_count=1"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	/**
	 * The audit rows of changes to the account, oldest first, as "ACTION detail by
	 * actor".
	 */
	private List<String> auditDetails(String username) {
		return jdbc.sql("""
				select action || ' ' || detail || ' by ' || a.username from audit_log a
				where resource_type = 'Practitioner' and action in ('CREATE', 'UPDATE')
				  and resource_id = (select cast(id as varchar) from app_user where username = :username)
				order by a.id""").param("username", username).query(String.class).list();
	}

	private int accounts() {
		return jdbc.sql("select count(*) from app_user").query(Integer.class).single();
	}

	private static String username() {
		return "staff" + ACCOUNTS.incrementAndGet() + "." + Long.toString(System.nanoTime() % 1_000_000, 36);
	}

	private static String path(String location) {
		return location.substring(location.indexOf("/admin/"));
	}

}
