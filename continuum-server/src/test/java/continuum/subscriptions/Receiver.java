package continuum.subscriptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A rest-hook endpoint for tests: the JDK's HTTP server on a loopback port, recording
 * every call (method, path, headers, body) and answering 200.
 */
final class Receiver implements AutoCloseable {

	/** One call as received; header names in lower case. */
	record Call(String method, String path, Map<String, List<String>> headers, String body) {

		String header(String name) {
			List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
			return values == null || values.isEmpty() ? null : values.get(0);
		}

	}

	private final HttpServer server;

	final List<Call> calls = new CopyOnWriteArrayList<>();

	private Receiver(HttpServer server) {
		this.server = server;
	}

	/** A receiver on a free loopback port. */
	static Receiver start() throws IOException {
		return start(0);
	}

	/** A receiver on the given loopback port (0: a free one). */
	static Receiver start(int port) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		Receiver receiver = new Receiver(server);
		server.createContext("/", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, List<String>> headers = new java.util.HashMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
			receiver.calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					Map.copyOf(headers), body));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
		return receiver;
	}

	int port() {
		return server.getAddress().getPort();
	}

	String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
