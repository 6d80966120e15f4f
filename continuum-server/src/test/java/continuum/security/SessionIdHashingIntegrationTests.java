package continuum.security;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web session's id is stored only hashed: after sign-in no row of
 * {@code spring_session} holds the cookie's id, the row holds its SHA-256, and the
 * session works, ends at sign-out, and cannot be taken over with the stored value.
 */
@ContinuumIntegrationTest
class SessionIdHashingIntegrationTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDatabaseHoldsOnlyTheHashOfTheSessionsId() throws Exception {
		CookieManager cookies = new CookieManager();
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String beforeSignIn = sessionId(cookies, browser, "/login");
		Matcher csrf = CSRF.matcher(get(browser, "/login").body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> login = post(browser, "/login",
				"username=scheduler&password=" + ContinuumIntegrationTest.DEMO_PASSWORD + "&_csrf=" + csrf.group(1));
		assertThat(login.statusCode()).isEqualTo(302);
		String id = currentId(cookies);
		assertThat(id).as("a new id at sign-in").isNotEqualTo(beforeSignIn);
		assertThat(get(browser, "/patients").statusCode()).as("the session works").isEqualTo(200);

		assertThat(rowsWithId(id)).as("the cookie's id in clear").isZero();
		assertThat(rowsWithId(cookie(cookies).getValue())).as("the cookie's value").isZero();
		assertThat(rowsWithId(beforeSignIn)).isZero();
		assertThat(rowsWithId(sha256(id))).as("its hash").isOne();
		assertThat(jdbc.sql("select principal_name from spring_session where session_id = :hash")
			.param("hash", sha256(id))
			.query(String.class)
			.single()).isEqualTo("scheduler");

		HttpClient thief = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		HttpResponse<String> stolen = thief.send(HttpRequest.newBuilder(URI.create(base() + "/patients"))
			.header("Cookie",
					"SESSION=" + Base64.getEncoder().encodeToString(sha256(id).getBytes(StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(stolen.statusCode()).as("the stored value is no session id").isEqualTo(302);

		Matcher logoutCsrf = CSRF.matcher(get(browser, "/patients").body());
		assertThat(logoutCsrf.find()).isTrue();
		assertThat(post(browser, "/logout", "_csrf=" + logoutCsrf.group(1)).statusCode()).isEqualTo(302);
		assertThat(rowsWithId(sha256(id))).as("ended at sign-out").isZero();
	}

	private long rowsWithId(String value) {
		return jdbc.sql("select count(*) from spring_session where session_id = :id")
			.param("id", value)
			.query(Long.class)
			.single();
	}

	private String sessionId(CookieManager cookies, HttpClient browser, String path) throws Exception {
		get(browser, path);
		return currentId(cookies);
	}

	/** Spring Session's cookie carries the id Base64-encoded. */
	private static String currentId(CookieManager cookies) {
		return new String(Base64.getDecoder().decode(cookie(cookies).getValue()), StandardCharsets.UTF_8);
	}

	private static HttpCookie cookie(CookieManager cookies) {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(c -> c.getName().equals("SESSION"))
			.reduce((first, second) -> second)
			.orElseThrow();
	}

	private static String sha256(String value) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
	}

	private String base() {
		return "http://127.0.0.1:" + port;
	}

	private HttpResponse<String> get(HttpClient http, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(HttpClient http, String path, String form) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
