package continuum.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import continuum.ContinuumIntegrationTest;

/**
 * A browser-like session against the web UI: cookies, form login, and CSRF tokens taken
 * from the pages.
 */
public final class WebSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	private String csrf = "";

	private WebSession(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/** A browser that has not signed in. */
	public static WebSession anonymous(int port) {
		return new WebSession(port);
	}

	public static WebSession signIn(int port, String username) throws Exception {
		return signIn(port, username, ContinuumIntegrationTest.DEMO_PASSWORD);
	}

	public static WebSession signIn(int port, String username, String password) throws Exception {
		WebSession session = new WebSession(port);
		session.get("/login");
		HttpResponse<String> login = session.post("/login", Map.of("username", username, "password", password));
		if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
			throw new IllegalStateException("Sign-in as " + username + " failed: " + login.statusCode());
		}
		return session;
	}

	public HttpResponse<String> get(String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		remember(response.body());
		return response;
	}

	/** A download (a PDF, an image) as bytes. */
	public HttpResponse<byte[]> download(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	/** Posts a form with the CSRF token of the last page seen. */
	public HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
		return post(path, List.copyOf(fields.entrySet()));
	}

	/**
	 * Posts a form whose fields may repeat (ticked checkboxes), with the CSRF token of
	 * the last page seen.
	 */
	public HttpResponse<String> post(String path, List<Map.Entry<String, String>> fields) throws Exception {
		List<Map.Entry<String, String>> form = new ArrayList<>(fields);
		form.add(Map.entry("_csrf", csrf));
		String body = form.stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		remember(response.body());
		return response;
	}

	private void remember(String page) {
		Matcher matcher = CSRF.matcher(page);
		if (matcher.find()) {
			csrf = matcher.group(1);
		}
	}

	public static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElse("");
	}

}
