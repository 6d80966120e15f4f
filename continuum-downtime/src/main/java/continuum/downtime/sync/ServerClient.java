package continuum.downtime.sync;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import continuum.downtime.DowntimeSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's downtime API over HTTP with a bearer token from {@code POST /api/token}
 * (renewed before it expires, and once on a 401), obtained as a system client with an
 * assertion signed under the node's own key ({@link ClientKey}), or, when a password is
 * configured (the demo, a server not yet told the node's key), with the password. Every
 * failure becomes a {@link SyncException} with its code.
 */
@Component
public class ServerClient {

	private final DowntimeSettings settings;

	private final Clock clock;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	private @Nullable String token;

	private Instant tokenExpires = Instant.MIN;

	/**
	 * After the server refused the credentials, they are not tried again for this long: a
	 * node with a wrong password must not lock the shared system account by retrying
	 * every few seconds.
	 */
	static final Duration CREDENTIALS_RETRY = Duration.ofMinutes(5);

	private @Nullable Instant credentialsRefusedAt;

	private @Nullable String credentialsRefusal;

	private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private @Nullable ClientKey clientKey;

	ServerClient(DowntimeSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.sync().timeout());
		if (settings.serverCa() != null) {
			builder.sslContext(ServerTrust.trusting(settings.serverCa()));
		}
		this.http = builder.build();
	}

	public JsonNode get(String pathAndQuery) {
		return send(pathAndQuery, null, true);
	}

	/** Posts a JSON body; answers the JSON reply, or an empty object for 204. */
	public JsonNode post(String path, Object body) {
		return send(path, json.writeValueAsString(body), true);
	}

	public String serverAddress() {
		return settings.server().toString();
	}

	private synchronized String token() {
		if (token != null && clock.instant().isBefore(tokenExpires)) {
			return token;
		}
		if (credentialsRefusedAt != null && credentialsRefusal != null
				&& clock.instant().isBefore(credentialsRefusedAt.plus(CREDENTIALS_RETRY))) {
			throw new SyncException(SyncProblem.CREDENTIALS_REFUSED, credentialsRefusal);
		}
		String form = settings.hasPassword()
				? "username=" + URLEncoder.encode(settings.username(), StandardCharsets.UTF_8) + "&password="
						+ URLEncoder.encode(settings.serverPassword(), StandardCharsets.UTF_8)
				: "grant_type=client_credentials&client_assertion_type="
						+ URLEncoder.encode(JWT_BEARER, StandardCharsets.UTF_8) + "&client_assertion="
						+ clientKey().assertion(settings.username(), uri("/api/token").toString(), clock.instant());
		HttpResponse<String> response = exchange(HttpRequest.newBuilder(uri("/api/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)), "/api/token");
		if (response.statusCode() == 401 || response.statusCode() == 400) {
			credentialsRefusedAt = clock.instant();
			credentialsRefusal = "The server at " + serverAddress() + " refused the credentials of '"
					+ settings.username() + "' (" + response.statusCode() + "); next try after "
					+ CREDENTIALS_RETRY.toMinutes() + " minutes";
			throw new SyncException(SyncProblem.CREDENTIALS_REFUSED, credentialsRefusal);
		}
		credentialsRefusedAt = null;
		JsonNode answer = parse(response, "/api/token");
		String accessToken = Json.text(answer, "access_token");
		if (accessToken == null) {
			throw new SyncException(SyncProblem.NOT_A_CONTINUUM_SERVER,
					"No access token from " + serverAddress() + "/api/token");
		}
		long seconds = answer.path("expires_in").asLong(300);
		token = accessToken;
		tokenExpires = clock.instant().plusSeconds(Math.max(10, seconds - 30));
		return token;
	}

	private ClientKey clientKey() {
		if (clientKey == null) {
			clientKey = ClientKey.in(settings.data().dir());
		}
		return clientKey;
	}

	private synchronized void forgetToken() {
		token = null;
	}

	private JsonNode send(String pathAndQuery, @Nullable String body, boolean retryOn401) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery))
			.header("Authorization", "Bearer " + token())
			.header("Accept", "application/json");
		if (body != null) {
			request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
		}
		HttpResponse<String> response = exchange(request, pathAndQuery);
		int status = response.statusCode();
		if (status == 401 && retryOn401) {
			forgetToken();
			return send(pathAndQuery, body, false);
		}
		if (status == 401) {
			throw new SyncException(SyncProblem.CREDENTIALS_REFUSED,
					"The server at " + serverAddress() + " refused the node's token for " + path(pathAndQuery));
		}
		if (status == 403) {
			throw new SyncException(SyncProblem.ACCOUNT_NOT_ALLOWED, "The account '" + settings.username()
					+ "' may not use " + path(pathAndQuery) + " on " + serverAddress() + " (403)");
		}
		if (status == 404 || status == 405) {
			throw new SyncException(SyncProblem.NOT_A_CONTINUUM_SERVER,
					serverAddress() + " has no " + path(pathAndQuery) + " (" + status + "): not a Continuum server?");
		}
		if (status == 204) {
			return json.createObjectNode();
		}
		if (status >= 300) {
			throw new SyncException(SyncProblem.SERVER_ERROR,
					"The server answered " + status + " to " + path(pathAndQuery) + ": " + problemTitle(response));
		}
		return parse(response, pathAndQuery);
	}

	private HttpResponse<String> exchange(HttpRequest.Builder request, String what) {
		try {
			return http.send(request.timeout(settings.sync().timeout()).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException unreachable) {
			throw new SyncException(SyncProblem.SERVER_UNREACHABLE, "No answer from " + serverAddress() + " to "
					+ path(what) + " (" + unreachable.getClass().getSimpleName() + ")", unreachable);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new SyncException(SyncProblem.SERVER_UNREACHABLE, "Interrupted while calling " + serverAddress());
		}
	}

	private JsonNode parse(HttpResponse<String> response, String what) {
		try {
			JsonNode node = json.readTree(response.body());
			if (node == null || !node.isObject()) {
				throw new SyncException(SyncProblem.NOT_A_CONTINUUM_SERVER,
						serverAddress() + path(what) + " did not answer a JSON object");
			}
			return node;
		}
		catch (JacksonException notJson) {
			throw new SyncException(SyncProblem.NOT_A_CONTINUUM_SERVER,
					serverAddress() + path(what) + " did not answer JSON: not a Continuum server?");
		}
	}

	private String problemTitle(HttpResponse<String> response) {
		try {
			JsonNode problem = json.readTree(response.body());
			String title = problem == null ? null : Json.text(problem, "title");
			return title == null ? "(no problem document)" : title;
		}
		catch (JacksonException notJson) {
			return "(no problem document)";
		}
	}

	private URI uri(String pathAndQuery) {
		String base = settings.server().toString();
		return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
	}

	private static String path(String pathAndQuery) {
		int query = pathAndQuery.indexOf('?');
		return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
	}

}
