package continuum.downtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The real Continuum server, started from its jar (built earlier in the reactor, found
 * through the system property {@code continuum.server.jar}) in its own process with its
 * own data directory and a free port: the peer a downtime node follows.
 */
final class ServerProcess implements AutoCloseable {

	static final String PASSWORD = "test-password-1";

	private static final Pattern WEB_UI = Pattern.compile("HTTP\\s+http://localhost:(\\d+)/");

	private final Process process;

	private final Path output;

	private final Path dataDir;

	private int port;

	private ServerProcess(Process process, Path output, Path dataDir) {
		this.process = process;
		this.output = output;
		this.dataDir = dataDir;
	}

	static Path jar() {
		String jar = System.getProperty("continuum.server.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("The server jar " + jar
					+ " is missing: build the reactor (mvn -pl continuum-downtime -am verify) so that it comes first");
		}
		return Path.of(jar);
	}

	static ServerProcess start(Path dataDir, int port) throws IOException {
		return start(dataDir, port, 0);
	}

	/** With HTTPS on this port (the local CA in {@code <dataDir>/tls/ca.crt}). */
	static ServerProcess start(Path dataDir, int port, int httpsPort) throws IOException {
		Files.createDirectories(dataDir);
		Path output = dataDir.resolveSibling(dataDir.getFileName() + "-server-" + System.nanoTime() + ".log");
		ProcessBuilder builder = new ProcessBuilder(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
						"-XX:TieredStopAtLevel=1", "-jar", jar().toString()))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
		Map<String, String> env = builder.environment();
		env.put("CONTINUUM_DATA_DIR", dataDir.toString());
		env.put("CONTINUUM_HTTP_PORT", Integer.toString(port));
		env.put("CONTINUUM_HTTP_ADDRESS", "127.0.0.1");
		// The tests reach the server over plain HTTP on loopback;
		// DowntimeNodeProcessTests'
		// node follows it over HTTPS.
		env.put("CONTINUUM_HTTPS_PORT", Integer.toString(httpsPort));
		env.put("CONTINUUM_HTTP_PLAIN", "loopback");
		// Free loopback ports for the listeners the node does not use: two test runs (or
		// a
		// running server) must not collide on the defaults.
		env.put("CONTINUUM_MLLP_PORT", "0");
		env.put("CONTINUUM_MLLP_ADDRESS", "127.0.0.1");
		env.put("CONTINUUM_DICOM_PORT", "0");
		env.put("CONTINUUM_DICOM_ADDRESS", "127.0.0.1");
		env.put("CONTINUUM_DEMO_PASSWORD", PASSWORD);
		env.put("CONTINUUM_DEMO_PATIENTS", "50");
		// The privileged demo accounts sign in with the password alone (no second factor)
		// here.
		env.put("CONTINUUM_SECURITY_SECONDFACTOR_EXEMPTACCOUNTS", "admin,admin2,auditor,privacy");
		env.put("CONTINUUM_DB_BINARIESDIR",
				Path.of(System.getProperty("java.io.tmpdir"), "continuum-test-pgsql").toString());
		ServerProcess server = new ServerProcess(builder.start(), output, dataDir);
		try {
			server.awaitUp();
		}
		catch (RuntimeException | Error failed) {
			server.process.destroyForcibly();
			throw failed;
		}
		return server;
	}

	private void awaitUp() {
		await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("Server exited with " + process.exitValue() + ":\n" + log());
			}
			Matcher matcher = WEB_UI.matcher(log());
			if (matcher.find()) {
				port = Integer.parseInt(matcher.group(1));
				return true;
			}
			return false;
		});
	}

	String log() throws IOException {
		return Files.readString(output);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	int port() {
		return port;
	}

	/** A connection to the server's own database, as the owner of its tables. */
	Connection database() throws IOException, SQLException {
		List<String> lines = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
		String password = Files.readString(dataDir.resolve("secrets/db-password")).trim();
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + lines.get(3).trim() + "/continuum",
				"continuum", password);
	}

	/** Kills the server and its PostgreSQL at once, as a power cut would. */
	void killHard() throws Exception {
		long postgres = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
		new ProcessBuilder("kill", "-KILL", Long.toString(process.pid()), Long.toString(postgres)).start().waitFor();
		process.waitFor();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> ProcessHandle.of(postgres).map(p -> !p.isAlive()).orElse(true));
	}

	@Override
	public void close() throws Exception {
		if (process.isAlive()) {
			// SIGTERM, not SIGINT: a JVM started from a background job of a script
			// inherits
			// SIGINT ignored and would never see it.
			process.destroy();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
	}

}
