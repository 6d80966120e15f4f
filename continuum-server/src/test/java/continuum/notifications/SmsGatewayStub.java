package continuum.notifications;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local SMS gateway on 127.0.0.1 and an ephemeral port: records every request (the
 * {@code Idempotency-Key} header and the JSON fields) and answers each recipient number
 * with the statuses scripted for it, then 200. A scripted {@link #HANG} never answers
 * (until the stub is closed), like a gateway that stalls mid-request.
 */
final class SmsGatewayStub implements AutoCloseable {

	static final int HANG = -1;

	record Request(String idempotencyKey, String requestId, String to, String text, int answered, Instant at) {
	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private volatile boolean hangAll;

	private final JsonMapper json = JsonMapper.builder().build();

	SmsGatewayStub() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(executor);
		server.createContext("/sms", this::handle);
		server.start();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sms");
	}

	/** The statuses to answer for this number, in order; 200 once they are used up. */
	void script(String to, Integer... statuses) {
		scripts.put(to, new ArrayDeque<>(List.of(statuses)));
	}

	/** Whether every request hangs, whatever was scripted. */
	void hangAll(boolean hang) {
		this.hangAll = hang;
	}

	List<Request> requests() {
		return List.copyOf(requests);
	}

	List<Request> requestsTo(String to) {
		return requests.stream().filter(r -> r.to().equals(to)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		if (!"POST".equals(exchange.getRequestMethod())) {
			// As a real gateway: only a POST sends a message. Continuity's probe of a
			// gateway
			// without a health URL is a GET, which must not count as a message.
			try (exchange) {
				exchange.sendResponseHeaders(405, -1);
			}
			return;
		}
		try (exchange; InputStream in = exchange.getRequestBody()) {
			JsonNode body = json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			String to = body.path("to").asString();
			Deque<Integer> script = scripts.get(to);
			Integer scripted = script == null ? null : script.poll();
			int status = hangAll ? HANG : scripted == null ? 200 : scripted;
			requests.add(new Request(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
					body.path("requestId").asString(), to, body.path("text").asString(), status, Instant.now()));
			if (status == HANG) {
				closed.await();
				return;
			}
			exchange.sendResponseHeaders(status, -1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		closed.countDown();
		server.stop(0);
		executor.shutdownNow();
	}

}
