package continuum.continuity.node;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Calls of the downtime API over real HTTP with a bearer token, answers read as JSON. */
final class DowntimeApi {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	DowntimeApi(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/** A status, its content type and the body as JSON. */
	record Answer(int status, String contentType, JsonNode body) {
	}

	Answer get(String path, String token) throws Exception {
		return answer(http.send(
				HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString()));
	}

	Answer post(String path, String token, String json) throws Exception {
		return answer(http.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString()));
	}

	static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	private static Answer answer(HttpResponse<String> response) {
		String body = response.body();
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				body.isEmpty() ? JSON.nullNode() : JSON.readTree(body));
	}

}
