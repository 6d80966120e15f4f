package continuum.downtime;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A downtime node in its own process, started from this module's class path the way
 * {@code ./continuum downtime} starts its jar, configured only through the documented
 * environment variables.
 */
final class NodeProcess implements AutoCloseable {

	private final Process process;

	private final Path output;

	private final int port;

	private NodeProcess(Process process, Path output, int port) {
		this.process = process;
		this.output = output;
		this.port = port;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** Environment for a node in {@code home}: data and key in separate folders. */
	static Map<String, String> environment(Path home, String server, String password) throws IOException {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("CONTINUUM_DOWNTIME_SERVER", server);
		env.put("CONTINUUM_DOWNTIME_DATA_DIR", home.resolve("data").toString());
		env.put("CONTINUUM_DOWNTIME_KEY_FILE", home.resolve("keys/store.key").toString());
		env.put("CONTINUUM_DOWNTIME_USERNAME", "interface");
		env.put("CONTINUUM_DOWNTIME_PASSWORD", password);
		env.put("CONTINUUM_DOWNTIME_SYNC_INTERVAL", "500ms");
		env.put("CONTINUUM_DOWNTIME_SYNC_TIMEOUT", "3s");
		env.put("CONTINUUM_DOWNTIME_REGISTRATION_AUDIT", "1s");
		env.put("CONTINUUM_DOWNTIME_REPORTS_INTERVAL", "5s");
		env.put("CONTINUUM_DOWNTIME_REPORTS_FIRST", "1s");
		env.put("CONTINUUM_DOWNTIME_AUDIT_CHECKPOINT_INTERVAL", "2s");
		// Loopback only, as every test listener; the demo accounts sign in there.
		env.put("CONTINUUM_DOWNTIME_LISTEN_ADDRESS", "127.0.0.1");
		return env;
	}

	static NodeProcess start(Path home, Map<String, String> environment) throws IOException {
		return start(home, environment, freePort());
	}

	static NodeProcess start(Path home, Map<String, String> environment, int port) throws IOException {
		Files.createDirectories(home);
		Path output = home.resolve("node-" + System.nanoTime() + ".log");
		ProcessBuilder builder = new ProcessBuilder(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
						"continuum.downtime.DowntimeApplication"))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
		builder.environment().putAll(environment);
		builder.environment().put("CONTINUUM_DOWNTIME_PORT", Integer.toString(port));
		builder.environment().put("CONTINUUM_DOWNTIME_PUBLIC_URL", "http://127.0.0.1:" + port);
		NodeProcess node = new NodeProcess(builder.start(), output, port);
		try {
			await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
				if (!node.process.isAlive()) {
					throw new IllegalStateException(
							"Node exited with " + node.process.exitValue() + ":\n" + node.log());
				}
				return node.log().contains("Started DowntimeApplication");
			});
		}
		catch (RuntimeException | Error failed) {
			node.process.destroyForcibly();
			throw failed;
		}
		return node;
	}

	/**
	 * Runs a node that is expected to stop at start; answers its exit code and output.
	 */
	static Map.Entry<Integer, String> runToExit(Path home, Map<String, String> environment) throws Exception {
		Files.createDirectories(home);
		ProcessBuilder builder = new ProcessBuilder(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
						"continuum.downtime.DowntimeApplication"))
			.redirectErrorStream(true);
		builder.environment().putAll(environment);
		builder.environment().put("CONTINUUM_DOWNTIME_PORT", Integer.toString(freePort()));
		Process process = builder.start();
		String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("The node did not stop:\n" + out);
		}
		return Map.entry(process.exitValue(), out);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	int port() {
		return port;
	}

	String log() throws IOException {
		return Files.readString(output);
	}

	void killHard() throws Exception {
		new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).start().waitFor();
		process.waitFor();
	}

	@Override
	public void close() throws Exception {
		if (process.isAlive()) {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

}
