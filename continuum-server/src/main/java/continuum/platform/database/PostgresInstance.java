package continuum.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server on a cluster directory that is not the live one (a restored copy
 * being recovered or checked), on a free loopback port, run as the same operating-system
 * account as the embedded server, until {@link #close()} stops it.
 */
public final class PostgresInstance implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path logFile;

	private PostgresInstance(Process process, int port, Path logFile) {
		this.process = process;
		this.port = port;
		this.logFile = logFile;
	}

	/**
	 * Starts PostgreSQL on a copy of a data directory laid out as the embedded server's
	 * ({@code postgres/}, {@code wal-spool/}, {@code logs/}), with the embedded server's
	 * settings (WAL archived into the copy's own spool) plus {@code extra}, as the
	 * embedded server's operating-system account; output goes to
	 * {@code logs/postgres.log}.
	 */
	public static PostgresInstance start(Path dataDir, Path binariesDir, Map<String, String> extra) {
		Path pgData = dataDir.toAbsolutePath().resolve("postgres");
		Path spool = dataDir.toAbsolutePath().resolve(EmbeddedPostgres.WAL_SPOOL);
		Path logFile = dataDir.toAbsolutePath().resolve("logs").resolve("postgres.log");
		try {
			Path installation = PostgresBinaries.unpack(binariesDir.toAbsolutePath());
			OsUser osUser = OsUser.forServer();
			Files.createDirectories(spool);
			Files.createDirectories(logFile.getParent());
			if (!Files.exists(logFile)) {
				Files.createFile(logFile);
			}
			osUser.prepareTraversal(dataDir.toAbsolutePath());
			osUser.own(pgData);
			osUser.own(spool);
			osUser.own(logFile);
			int port = freePort();
			List<String> postgres = new ArrayList<>(List.of(installation.resolve("bin/postgres").toString(), "-D",
					pgData.toString(), "-p", Integer.toString(port)));
			Map<String, String> settings = new TreeMap<>(EmbeddedPostgres.SERVER_SETTINGS);
			settings.putAll(EmbeddedPostgres.archiveSettings(spool));
			settings.putAll(extra);
			settings.forEach((key, value) -> {
				postgres.add("-c");
				postgres.add(key + "=" + value);
			});
			List<String> command = new ArrayList<>(List.of("setsid"));
			command.addAll(osUser.wrap(postgres));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
			builder.environment().put("LC_ALL", "C.UTF-8");
			return new PostgresInstance(builder.start(), port, logFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start PostgreSQL on " + pgData, ex);
		}
	}

	public int port() {
		return port;
	}

	public Path logFile() {
		return logFile;
	}

	public boolean alive() {
		return process.isAlive();
	}

	/**
	 * A connection to {@code database} once the server accepts one (during recovery: once
	 * it is consistent), waiting at most {@code timeout}; fails early when the server
	 * exits (a recovery that cannot reach its target ends so).
	 */
	public Connection connect(String database, EmbeddedPostgres.Credentials credentials, Duration timeout)
			throws SQLException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Properties properties = new Properties();
		properties.setProperty("user", credentials.user());
		properties.setProperty("password", credentials.password());
		properties.setProperty("connectTimeout", "2");
		while (true) {
			if (!process.isAlive()) {
				throw new SQLException("PostgreSQL exited with code " + process.exitValue() + "; see " + logFile);
			}
			try {
				return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
			}
			catch (SQLException ex) {
				if (System.nanoTime() > deadline) {
					throw new SQLException("PostgreSQL on port " + port + " accepted no connection within "
							+ timeout.toSeconds() + " s: " + ex.getMessage() + "; see " + logFile, ex);
				}
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("Interrupted while waiting for PostgreSQL", ex);
			}
		}
	}

	/** Waits until the server has exited by itself, at most {@code timeout}. */
	public boolean awaitExit(Duration timeout) throws InterruptedException {
		return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** A fast shutdown (checkpoint, clean stop), waiting up to 60 s. */
	@Override
	public void close() {
		if (!process.isAlive()) {
			return;
		}
		try {
			new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
				process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
