package continuum;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The cluster of {@code cluster/cluster.py} (etcd, three PostgreSQL 15 members under
 * Patroni, pgBackRest, Continuum nodes) in a temporary directory of its own, on free
 * loopback ports, for tests: each command runs the script and answers its exit code and
 * output.
 */
public final class TestCluster implements AutoCloseable {

	private final Path directory;

	private final Map<String, String> environment;

	private TestCluster(Path directory, Map<String, String> environment) {
		this.directory = directory;
		this.environment = environment;
	}

	/**
	 * A new cluster directory under the system's temporary folder (which the OS user
	 * postgres may enter) with {@code nodes} Continuum nodes, started from this JVM's
	 * class path; not up yet.
	 */
	public static TestCluster create(String name, int nodes) {
		try {
			Path directory = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")),
					"continuum-" + name + "-");
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
			Map<String, String> environment = new HashMap<>();
			environment.put("CONTINUUM_CLUSTER_DIR", directory.toString());
			environment.put("CONTINUUM_CLUSTER_NODES", Integer.toString(nodes));
			environment.put("CONTINUUM_CLUSTER_NODE_COMMAND",
					String.join(" ", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
							"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
							"continuum.ContinuumApplication"));
			environment.put("CONTINUUM_DEMO_PATIENTS", "50");
			environment.put("CONTINUUM_DEMO_PASSWORD", ContinuumIntegrationTest.DEMO_PASSWORD);
			// As in the other test servers: the privileged demo accounts sign in without
			// a second factor.
			environment.put("CONTINUUM_SECURITY_SECONDFACTOR_EXEMPTACCOUNTS", "admin,admin2,auditor,privacy");
			return new TestCluster(directory, environment);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The repository's root: the tests run in continuum-server. */
	static Path repository() {
		Path here = Path.of("").toAbsolutePath();
		return Files.exists(here.resolve("cluster/cluster.py")) ? here : here.getParent();
	}

	public Path directory() {
		return directory;
	}

	/**
	 * Runs {@code cluster.py args...}; a command still running after the timeout is
	 * killed.
	 */
	public Result run(long timeoutSeconds, String... args) {
		List<String> command = new ArrayList<>(
				List.of(python(), repository().resolve("cluster/cluster.py").toString()));
		command.addAll(List.of(args));
		try {
			Path output = Files.createTempFile(directory, "command-", ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
				throw new IllegalStateException("cluster.py " + String.join(" ", args) + " still running after "
						+ timeoutSeconds + " s: " + Files.readString(output));
			}
			return new Result(process.exitValue(), Files.readString(output));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Runs a command that must succeed; answers its output. */
	public String require(long timeoutSeconds, String... args) {
		Result result = run(timeoutSeconds, args);
		if (result.exitCode() != 0) {
			throw new IllegalStateException("cluster.py " + String.join(" ", args) + " failed (" + result.exitCode()
					+ "):\n" + result.output());
		}
		return result.output();
	}

	/** {@code up}; its report (ports, the time it took) goes to the test's output. */
	public TestCluster up() {
		System.out.println(require(900, "up"));
		return this;
	}

	/** {@code status --json}. */
	public JsonNode status() {
		Result result = run(60, "status", "--json");
		return new ObjectMapper().readTree(result.output());
	}

	/** The shell exports of {@code env} (or {@code env --test}) as a map. */
	public Map<String, String> settings(boolean forTests) {
		Map<String, String> settings = new HashMap<>();
		String output = forTests ? require(60, "env", "--test") : require(60, "env");
		for (String line : output.split("\n")) {
			if (line.startsWith("export ")) {
				String assignment = line.substring("export ".length());
				int eq = assignment.indexOf('=');
				String value = assignment.substring(eq + 1);
				if (value.startsWith("'") && value.endsWith("'")) {
					value = value.substring(1, value.length() - 1);
				}
				settings.put(assignment.substring(0, eq), value);
			}
		}
		return settings;
	}

	/**
	 * Stops everything the cluster started and removes its directory (kept, with its
	 * logs, when something would not stop).
	 */
	@Override
	public void close() {
		if (run(300, "down").exitCode() == 0) {
			FileSystemUtils.deleteRecursively(directory.toFile());
		}
	}

	private static String python() {
		return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
	}

	public record Result(int exitCode, String output) {
	}

}
