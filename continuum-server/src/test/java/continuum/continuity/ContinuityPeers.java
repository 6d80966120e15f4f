package continuum.continuity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import continuum.ContinuumIntegrationTest;
import continuum.continuity.probes.ComponentCatalogue;
import continuum.continuity.probes.ComponentDefinition;
import continuum.continuity.probes.ProbeRunner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * What the continuity tests share: the application (the one shared context; probes run
 * only when a test asks, within a 1 s timeout), components of their own with unique
 * codes, and small peers on loopback.
 */
@ContinuumIntegrationTest
abstract class ContinuityPeers {

	private static final AtomicInteger numbers = new AtomicInteger();

	static final ObjectMapper JSON = new ObjectMapper();

	final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@LocalServerPort
	int port;

	@Autowired
	ComponentCatalogue catalogue;

	@Autowired
	ProbeRunner prober;

	@Autowired
	IncidentService incidents;

	@Autowired
	JdbcClient jdbc;

	/** A component code no other test uses. */
	static String unique(String prefix) {
		return "test-" + prefix + "-" + ProcessHandle.current().pid() + "-" + numbers.incrementAndGet();
	}

	/**
	 * Registers a component of this kind and target: 2 failed probes open, 2 good ones
	 * resolve.
	 */
	String component(String prefix, String kind, String target) {
		String code = unique(prefix);
		catalogue.register(new ComponentDefinition(code, "Test " + code, kind, target, 2, 2, Duration.ofHours(1), 900));
		return code;
	}

	/** The outage going on that hits the component, if any. */
	Optional<Incident> openOutage(String code) {
		return incidents.current()
			.stream()
			.filter(i -> i.kind() == IncidentKind.OUTAGE && i.components().contains(code))
			.findFirst();
	}

	/**
	 * Resolves the incident as the IT role would, so that no test leaves an outage going
	 * on for the tests after it (an outage exempts appointments from no-show marking).
	 */
	void resolveByHand(long id) throws Exception {
		continuum.web.WebSession itops = continuum.web.WebSession.signIn(port, "itops");
		itops.get("/continuity/incidents/" + id);
		int version = incidents.find(id).orElseThrow().version();
		HttpResponse<String> resolved = itops.post("/continuity/incidents/" + id + "/resolve",
				java.util.Map.of("version", Integer.toString(version), "reason", "test over"));
		org.assertj.core.api.Assertions.assertThat(resolved.statusCode()).isEqualTo(302);
	}

	/** A loopback port nothing listens on (any connection is refused). */
	static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String token(String username) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(base("/api/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
					+ "&password=" + ContinuumIntegrationTest.DEMO_PASSWORD))
			.build(), HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	URI base(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(base(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A TCP peer that accepts connections and never says a word: a hung SMTP server.
	 */
	static final class SilentPeer implements AutoCloseable {

		private final ServerSocket socket;

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		SilentPeer() throws IOException {
			socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
			Thread acceptor = new Thread(() -> {
				while (!socket.isClosed()) {
					try {
						accepted.add(socket.accept());
					}
					catch (IOException closing) {
						return;
					}
				}
			}, "silent-peer");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return socket.getLocalPort();
		}

		@Override
		public void close() throws IOException {
			socket.close();
			for (Socket client : accepted) {
				client.close();
			}
		}

	}

}
