package continuum.patients;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import continuum.ContinuumIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cookie-keeping HTTP client signed in through the login form as a demo user; posts
 * carry the page's CSRF token.
 */
final class TestBrowser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final String base;

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private String csrf;

	TestBrowser(int port, String username) throws Exception {
		this.base = "http://127.0.0.1:" + port;
		this.csrf = csrf(get("/login").body());
		HttpResponse<String> login = post("/login",
				"username=" + username + "&password=" + ContinuumIntegrationTest.DEMO_PASSWORD);
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
		this.csrf = csrf(get("/patients").body());
	}

	HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Posts the form with the session's CSRF token added. */
	HttpResponse<String> post(String path, String form) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + enc(csrf)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
		return matcher.group(1);
	}

	static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location").orElse("");
	}

}
