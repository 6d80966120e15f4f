package continuum.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A whole Continuum server in its own operating-system process, started from the test
 * class path, for tests that must kill it, restart it or point it at another database.
 */
public final class ServerProcess implements AutoCloseable {

	private static final Pattern WEB_UI = Pattern.compile("HTTP\\s+http://localhost:(\\d+)/");

	private static final Pattern HTTPS = Pattern.compile("Web UI\\s+https://localhost:(\\d+)/");

	private final Process process;

	private final Path output;

	private int port;

	private int httpsPort;

	private ServerProcess(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	public static ServerProcess start(Path dataDir, Map<String, String> environment)
			throws IOException, InterruptedException {
		Files.createDirectories(dataDir);
		Path output = dataDir.resolveSibling(dataDir.getFileName() + "-server-" + System.nanoTime() + ".log");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
						"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
						"continuum.ContinuumApplication"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
		builder.environment().put("CONTINUUM_DATA_DIR", dataDir.toString());
		builder.environment().put("CONTINUUM_HTTP_PORT", "0");
		builder.environment().put("CONTINUUM_HTTP_ADDRESS", "127.0.0.1");
		// HTTPS on a free port too; the tests talk plain HTTP on loopback (a test of the
		// HTTPS default sets CONTINUUM_HTTP_PLAIN=none).
		builder.environment().put("CONTINUUM_HTTPS_PORT", "0");
		builder.environment().put("CONTINUUM_HTTP_PLAIN", "loopback");
		// A free loopback MLLP port too, so servers of parallel runs never collide (a
		// test
		// that talks HL7 to the process sets its own).
		builder.environment().put("CONTINUUM_MLLP_PORT", "0");
		builder.environment().put("CONTINUUM_MLLP_ADDRESS", "127.0.0.1");
		// And the DICOM AE.
		builder.environment().put("CONTINUUM_DICOM_PORT", "0");
		builder.environment().put("CONTINUUM_DICOM_ADDRESS", "127.0.0.1");
		builder.environment().put("CONTINUUM_DEMO_PASSWORD", "test-password-1");
		builder.environment().put("CONTINUUM_DEMO_PATIENTS", "50");
		// As in the shared test context: the privileged demo accounts sign in with the
		// password alone.
		builder.environment().put("CONTINUUM_SECURITY_SECONDFACTOR_EXEMPTACCOUNTS", "admin,admin2,auditor,privacy");
		// No WAL archiving, shipping or scheduled backups into the working directory's
		// ./backups.
		builder.environment().put("CONTINUUM_BACKUP_ENABLED", "false");
		builder.environment()
			.put("CONTINUUM_DB_BINARIESDIR",
					Path.of(System.getProperty("java.io.tmpdir"), "continuum-test-pgsql").toString());
		// A null value removes a variable set above (a test of the defaults).
		environment.forEach((name, value) -> {
			if (value == null) {
				builder.environment().remove(name);
			}
			else {
				builder.environment().put(name, value);
			}
		});
		ServerProcess server = new ServerProcess(builder.start(), output);
		try {
			server.awaitUp();
		}
		catch (RuntimeException | Error failed) {
			// Never leave a half-started server (and its database) behind a failed test.
			server.process.destroy();
			server.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
			server.process.destroyForcibly();
			throw failed;
		}
		return server;
	}

	/**
	 * Runs an operator command ({@code --continuum.command=...}) to completion; returns
	 * exit code and output.
	 */
	static CommandResult command(Path dataDir, String command, Map<String, String> environment) throws Exception {
		List<String> line = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				"continuum.ContinuumApplication", "--continuum.command=" + command);
		ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
		builder.environment().put("CONTINUUM_DATA_DIR", dataDir.toString());
		builder.environment().put("CONTINUUM_DEMO_PASSWORD", "test-password-1");
		builder.environment()
			.put("CONTINUUM_DB_BINARIESDIR",
					Path.of(System.getProperty("java.io.tmpdir"), "continuum-test-pgsql").toString());
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		if (!process.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("Command " + command + " did not finish:\n" + output);
		}
		return new CommandResult(process.exitValue(), output);
	}

	record CommandResult(int exitCode, String output) {
	}

	private void awaitUp() {
		await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("Server exited with " + process.exitValue() + ":\n" + log());
			}
			Matcher matcher = WEB_UI.matcher(log());
			if (matcher.find()) {
				port = Integer.parseInt(matcher.group(1));
				Matcher https = HTTPS.matcher(log());
				httpsPort = https.find() ? Integer.parseInt(https.group(1)) : -1;
				return true;
			}
			return false;
		});
	}

	public String log() throws IOException {
		return Files.readString(output);
	}

	public int port() {
		return port;
	}

	/** The HTTPS port; -1 when the server has none. */
	public int httpsPort() {
		return httpsPort;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	public long pid() {
		return process.pid();
	}

	HttpResponse<String> post(String path, String contentType, String body, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A connection, as the owner of the tables, to the database of a running server. */
	public static Connection connect(Path dataDir) throws IOException, SQLException {
		List<String> lines = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
		String password = Files.readString(dataDir.resolve("secrets/db-password")).trim();
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + lines.get(3).trim() + "/continuum",
				"continuum", password);
	}

	/** The process id of the PostgreSQL of a running server, for {@link #killHard}. */
	public static long postmasterPid(Path dataDir) throws IOException {
		return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
	}

	/**
	 * Kills the JVM and its PostgreSQL at once, the way a power cut would, and waits for
	 * both to be gone.
	 */
	public void killHard(long postgresPid) throws Exception {
		new ProcessBuilder("kill", "-KILL", Long.toString(pid()), Long.toString(postgresPid)).start().waitFor();
		process.waitFor();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> ProcessHandle.of(postgresPid).isEmpty() || !ProcessHandle.of(postgresPid).get().isAlive());
	}

	/**
	 * Stops the server as a service manager does (SIGTERM: the same orderly shutdown as
	 * Ctrl-C) and waits for it to exit. Not SIGINT: a JVM started from a background job
	 * of a script (a CI runner's, say) inherits SIGINT ignored and would never see it.
	 */
	public int stop() throws Exception {
		process.destroy();
		if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			throw new IllegalStateException("The server did not stop within 120 s of SIGTERM; it was killed");
		}
		return process.exitValue();
	}

	@Override
	public void close() throws Exception {
		if (process.isAlive()) {
			stop();
		}
	}

}
