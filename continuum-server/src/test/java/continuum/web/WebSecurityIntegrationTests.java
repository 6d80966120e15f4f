package continuum.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Form login with CSRF protection, sessions kept in PostgreSQL, hashed passwords,
 * protective headers.
 */
@ContinuumIntegrationTest
class WebSecurityIntegrationTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private HttpClient browserLike() {
		return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
	}

	private HttpResponse<String> get(HttpClient http, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> postForm(HttpClient http, String path, String form) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String csrf(HttpClient http) throws Exception {
		Matcher matcher = CSRF.matcher(get(http, "/login").body());
		assertThat(matcher.find()).as("login form carries a CSRF token").isTrue();
		return matcher.group(1);
	}

	@Test
	void signInWithoutTheCsrfTokenIsRefused() throws Exception {
		HttpClient http = browserLike();
		get(http, "/login");
		HttpResponse<String> response = postForm(http, "/login",
				"username=nurse&password=" + ContinuumIntegrationTest.DEMO_PASSWORD);
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void signedInSessionIsStoredInPostgresql() throws Exception {
		HttpClient http = browserLike();
		String token = csrf(http);
		HttpResponse<String> response = postForm(http, "/login",
				"username=scheduler&password=" + ContinuumIntegrationTest.DEMO_PASSWORD + "&_csrf=" + token);
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
		assertThat(get(http, "/patients").statusCode()).isEqualTo(200);
		long sessions = jdbc.sql("select count(*) from spring_session where principal_name = 'scheduler'")
			.query(Long.class)
			.single();
		assertThat(sessions).isPositive();
	}

	@Test
	void signingOutIsAuditedAndEndsTheSession() throws Exception {
		String logouts = "select count(*) from audit_log where username = 'radiologist' and action = 'LOGOUT' "
				+ "and outcome = 'SUCCESS' and address is not null";
		long before = jdbc.sql(logouts).query(Long.class).single();
		WebSession session = WebSession.signIn(port, "radiologist");
		session.get("/");
		HttpResponse<String> out = session.post("/logout", java.util.Map.of());
		assertThat(out.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(out)).endsWith("/login?logout");
		assertThat(jdbc.sql(logouts).query(Long.class).single()).isEqualTo(before + 1);
		assertThat(session.get("/patients").statusCode()).as("signed out").isEqualTo(302);
	}

	@Test
	void aSessionEndsAtItsMaximumLifetimeHoweverActiveAndTheEndIsAudited() throws Exception {
		String ends = "select count(*) from audit_log where username = 'radiographer' and action = 'LOGOUT' "
				+ "and detail = 'session reached its maximum lifetime'";
		long before = jdbc.sql(ends).query(Long.class).single();
		WebSession session = WebSession.signIn(port, "radiographer");
		assertThat(session.get("/patients").statusCode()).isEqualTo(200);
		jdbc.sql("update spring_session set creation_time = creation_time - :hours * 3600000, "
				+ "last_access_time = :now where principal_name = 'radiographer'")
			.param("hours", 11)
			.param("now", System.currentTimeMillis())
			.update();
		assertThat(session.get("/patients").statusCode()).as("eleven hours old: still open").isEqualTo(200);
		jdbc.sql("update spring_session set creation_time = creation_time - 3600000 - 60000 "
				+ "where principal_name = 'radiographer'")
			.update();
		HttpResponse<String> tooOld = session.get("/patients");
		assertThat(tooOld.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(tooOld)).endsWith("/login?expired");
		assertThat(session.get("/patients").statusCode()).as("signed out for good").isEqualTo(302);
		assertThat(jdbc.sql(ends).query(Long.class).single()).isEqualTo(before + 1);
	}

	@Test
	void pagesRequireSignInAndCarryProtectiveHeaders() throws Exception {
		HttpClient http = browserLike();
		HttpResponse<String> chart = get(http, "/patients/1");
		assertThat(chart.statusCode()).isEqualTo(302);
		assertThat(chart.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
		HttpResponse<String> login = get(http, "/login");
		assertThat(login.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'").contains("frame-ancestors 'none'"));
		assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	@Test
	void theScriptTheLayoutNamesIsServed() throws Exception {
		String layout = java.nio.file.Files
			.readString(java.nio.file.Path.of("src/main/resources/templates/fragments/layout.html"));
		Matcher script = Pattern.compile("th:src=\"@\\{(/webjars/[^}]+)}\"").matcher(layout);
		assertThat(script.find()).isTrue();
		HttpResponse<String> response = get(browserLike(), script.group(1));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("htmx");
	}

	@Test
	void passwordsAreStoredAsBcryptHashes() {
		assertThat(jdbc.sql("select password_hash from app_user").query(String.class).list()).isNotEmpty()
			.allSatisfy(hash -> assertThat(hash).startsWith("{bcrypt}$2")
				.doesNotContain(ContinuumIntegrationTest.DEMO_PASSWORD));
	}

}
