package continuum.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import continuum.web.WebSession;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts the second-factor and two-person tests make for themselves, through the staff
 * pages: directly for most roles, for a privileged one requested by {@code admin} and
 * approved by {@code admin2}.
 */
final class TestAccounts {

	private static final AtomicInteger ACCOUNTS = new AtomicInteger();

	private final int port;

	private final JdbcClient jdbc;

	TestAccounts(int port, JdbcClient jdbc) {
		this.port = port;
		this.jdbc = jdbc;
	}

	static String username(String prefix) {
		return prefix + ACCOUNTS.incrementAndGet() + "." + Long.toString(System.nanoTime() % 1_000_000, 36);
	}

	/**
	 * A new account of a role that takes one administrator; its user keeps the password.
	 */
	String create(String role, String password) throws Exception {
		String username = username(role.toLowerCase(java.util.Locale.ROOT).substring(0, 3));
		WebSession admin = WebSession.signIn(port, "admin");
		admin.get("/admin/staff/new");
		HttpResponse<String> created = admin.post("/admin/staff/new", form(username, role, password));
		assertThat(WebSession.location(created)).contains("done=created");
		return username;
	}

	/** Requests a new privileged account as {@code admin}; answers the request's id. */
	long request(String username, String role, String password) throws Exception {
		WebSession admin = WebSession.signIn(port, "admin");
		admin.get("/admin/staff/new");
		HttpResponse<String> requested = admin.post("/admin/staff/new", form(username, role, password));
		assertThat(WebSession.location(requested)).endsWith("/admin/staff/approvals?done=requested");
		return openRequest(username);
	}

	/** The open request about the account. */
	long openRequest(String username) {
		return jdbc.sql("select id from staff_approval where username = :u and decision is null")
			.param("u", username)
			.query(Long.class)
			.single();
	}

	/** Decides a request as {@code admin2}: {@code approve} or {@code reject}. */
	HttpResponse<String> decide(String administrator, long request, String decision) throws Exception {
		WebSession session = WebSession.signIn(port, administrator);
		session.get("/admin/staff/approvals");
		return session.post("/admin/staff/approvals/" + request + "/" + decision, Map.of());
	}

	/** A new privileged account, requested by admin and approved by admin2. */
	String createPrivileged(String role, String password) throws Exception {
		String username = username(role.toLowerCase(java.util.Locale.ROOT).substring(0, 3));
		long request = request(username, role, password);
		assertThat(decide("admin2", request, "approve").statusCode()).isEqualTo(302);
		return username;
	}

	long id(String username) {
		return jdbc.sql("select id from app_user where username = :u").param("u", username).query(Long.class).single();
	}

	HttpResponse<String> token(String username, String password, String otp) throws Exception {
		String body = "username=" + username + "&password=" + password + (otp == null ? "" : "&otp=" + otp);
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Map<String, String> form(String username, String role, String password) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", username);
		form.put("prefix", "");
		form.put("givenName", "Test");
		form.put("familyName", "Gebruiker");
		form.put("role", role);
		form.put("password", password);
		form.put("confirm", password);
		return form;
	}

}
