package continuum.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server owned by this process and kept in the data directory: durable
 * ({@code fsync}, {@code synchronous_commit}, data checksums), private (SCRAM password,
 * loopback only, no Unix socket) and never deleted. The test-oriented defaults of
 * embedded-database libraries (fsync off, trust authentication, temporary directory) are
 * exactly what a hospital cannot have, so the server is initialised and run here directly
 * from the shipped binaries.
 */
public final class EmbeddedPostgres implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

	/**
	 * The role that owns the database and its tables, and migrates them: a plain login
	 * role, never a superuser (a superuser can write files and run programs as
	 * PostgreSQL's operating-system user). Clusters initialised before the roles were
	 * separated have it as their superuser, and keep it so: the bootstrap superuser
	 * cannot be demoted.
	 */
	static final String OWNER = "continuum";

	/**
	 * The role the application's connections use: it reads and writes the tables but owns
	 * none, so it can neither change their definition nor disable their triggers, and on
	 * the audit tables it may only add and read (granted after each migration by
	 * {@code afterMigrate.sql}). Its password is kept in {@code secrets/db-app-password}.
	 */
	static final String APPLICATION = "continuum_app";

	/**
	 * The cluster's superuser in clusters initialised since the roles were separated,
	 * used only to create the owner's role, the database and the application's role; its
	 * password is kept in {@code secrets/db-superuser-password}.
	 */
	static final String SUPERUSER = "postgres";

	static final String DATABASE = "continuum";

	/**
	 * Settings that make the database durable and private; a test reads them back from
	 * the running server. The server's own log keeps start, stop, checkpoints and
	 * recovery, but not client errors: their messages and details quote values (a
	 * duplicate national number, a malformed date), and patient data must not reach any
	 * log. Autovacuum looks every 10 s instead of every minute: a table that grows from
	 * empty (a new installation loaded through the API) keeps the plans made when it was
	 * tiny until it is analyzed again (see migration V9).
	 */
	public static final Map<String, String> SERVER_SETTINGS = Map.ofEntries(Map.entry("fsync", "on"),
			Map.entry("autovacuum_naptime", "10s"), Map.entry("synchronous_commit", "on"),
			Map.entry("full_page_writes", "on"), Map.entry("listen_addresses", "127.0.0.1"),
			Map.entry("unix_socket_directories", ""), Map.entry("password_encryption", "scram-sha-256"),
			Map.entry("max_connections", "120"), Map.entry("shared_buffers", "256MB"),
			Map.entry("log_min_messages", "log"), Map.entry("log_min_error_statement", "panic"),
			Map.entry("log_error_verbosity", "terse"));

	/**
	 * Continuous WAL archiving for the backups (docs/operations.md, "Backups"): each
	 * finished segment is copied by PostgreSQL's own {@code basic_archive} module into
	 * the spool {@code <data>/wal-spool} (written to a temporary file, fsynced, renamed;
	 * no process per segment), from where the backup module encrypts it into the backup
	 * directory. A segment is switched at least once a minute when anything was written,
	 * so the archive is never more than about a minute behind.
	 */
	public static Map<String, String> archiveSettings(Path walSpool) {
		return Map.of("wal_level", "replica", "archive_mode", "on", "archive_library", "basic_archive",
				"basic_archive.archive_directory", walSpool.toString(), "archive_timeout", "60s");
	}

	/** The spool of archived WAL segments, under the data directory. */
	public static final String WAL_SPOOL = "wal-spool";

	private final Path dataDir;

	private final Path pgData;

	private final Duration startTimeout;

	private Path installation;

	private String password;

	private String applicationPassword;

	/**
	 * Null in a cluster initialised before the split, whose superuser is the
	 * application's role.
	 */
	private String superuserPassword;

	private int port;

	private Process process;

	private DataDirectoryLock lock;

	/**
	 * Whether this instance uses a server started by another Continuum process on the
	 * same data directory.
	 */
	private boolean attached;

	private final Path binariesDir;

	/** Whether finished WAL segments are archived into the spool for the backups. */
	private final boolean archiveWal;

	public EmbeddedPostgres(Path dataDir, Path binariesDir, Duration startTimeout) {
		this(dataDir, binariesDir, startTimeout, true);
	}

	public EmbeddedPostgres(Path dataDir, Path binariesDir, Duration startTimeout, boolean archiveWal) {
		this.archiveWal = archiveWal;
		this.dataDir = dataDir.toAbsolutePath();
		this.binariesDir = binariesDir.toAbsolutePath();
		this.pgData = this.dataDir.resolve("postgres");
		this.startTimeout = startTimeout;
	}

	/**
	 * Unpacks, initialises on first use, starts the server and waits until it accepts
	 * connections. When another Continuum process holds the data directory,
	 * {@code allowAttach} lets an operator command use that process's database; otherwise
	 * start fails with a clear message.
	 */
	public synchronized void start(boolean allowAttach) {
		long started = System.nanoTime();
		try {
			Files.createDirectories(dataDir);
			this.password = loadOrCreateSecret("db-password");
			this.applicationPassword = loadOrCreateSecret("db-app-password");
			this.lock = DataDirectoryLock.tryAcquire(dataDir).orElse(null);
			if (lock == null) {
				if (!allowAttach) {
					throw new IllegalStateException("The data directory " + dataDir
							+ " is in use by another running Continuum server; stop it or choose another "
							+ "CONTINUUM_DATA_DIR");
				}
				attach();
				return;
			}
			this.installation = PostgresBinaries.unpack(binariesDir);
			OsUser osUser = OsUser.forServer();
			osUser.prepareTraversal(dataDir);
			if (!Files.exists(pgData.resolve("PG_VERSION"))) {
				this.superuserPassword = loadOrCreateSecret("db-superuser-password");
				initdb(osUser);
			}
			else if (Files.exists(dataDir.resolve("secrets").resolve("db-superuser-password"))) {
				this.superuserPassword = loadOrCreateSecret("db-superuser-password");
			}
			else {
				log.info("The owner of this data directory's tables is the cluster's superuser (initialised before "
						+ "Continuum separated the roles); the application still connects as its own plain role");
			}
			stopLeftoverServer();
			Path spool = walSpool();
			Files.createDirectories(spool);
			Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rwx------"));
			osUser.own(spool);
			this.port = freePort();
			this.process = launch(osUser);
			awaitReady();
			createRoleAndDatabaseIfMissing();
			log.info("Embedded PostgreSQL ready on 127.0.0.1:{} (data {}) in {} ms", port, pgData,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + pgData, ex);
		}
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
	}

	/** The application's role, for its connection pool. */
	public String username() {
		return APPLICATION;
	}

	public String password() {
		return applicationPassword;
	}

	/** The owner's role, for migrations. */
	public String ownerUsername() {
		return OWNER;
	}

	public String ownerPassword() {
		return password;
	}

	public int port() {
		return port;
	}

	/** Continuum's data directory (absolute), which holds {@link #pgData()}. */
	public Path dataDir() {
		return dataDir;
	}

	/** The PostgreSQL cluster's own data directory ({@code <data>/postgres}). */
	public Path pgData() {
		return pgData;
	}

	/** Where PostgreSQL archives finished WAL segments ({@code <data>/wal-spool}). */
	public Path walSpool() {
		return dataDir.resolve(WAL_SPOOL);
	}

	/** Where the PostgreSQL binaries are unpacked. */
	public Path binariesDir() {
		return binariesDir;
	}

	/**
	 * A connection as the cluster's superuser, for what only it may do: the low-level
	 * backup functions, locking every table for a consistent count.
	 */
	public Connection connectAsSuperuser() throws SQLException {
		return connect(DATABASE);
	}

	/**
	 * The superuser's name and password, to connect to a restored copy of this cluster.
	 */
	public Credentials superuser() {
		return superuserPassword == null ? new Credentials(OWNER, password)
				: new Credentials(SUPERUSER, superuserPassword);
	}

	/** A role and its password. */
	public record Credentials(String user, String password) {
	}

	/**
	 * Uses the server that the Continuum process holding the data directory runs (port
	 * from postmaster.pid).
	 */
	private void attach() throws IOException {
		if (Files.exists(dataDir.resolve("secrets").resolve("db-superuser-password"))) {
			this.superuserPassword = loadOrCreateSecret("db-superuser-password");
		}
		List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
		this.port = Integer.parseInt(lines.get(3).trim());
		this.attached = true;
		awaitReady();
		log.info("Attached to the running embedded PostgreSQL on port {}", port);
	}

	/**
	 * Stops the server with a fast shutdown (clients disconnected, checkpoint written),
	 * waiting up to 60 s.
	 */
	@Override
	public synchronized void close() {
		if (attached) {
			return;
		}
		try {
			stopServer();
		}
		finally {
			releaseLock();
		}
	}

	private void releaseLock() {
		if (lock != null) {
			try {
				lock.close();
			}
			catch (IOException ex) {
				log.warn("Cannot release the data directory lock: {}", ex.getMessage());
			}
		}
	}

	private void stopServer() {
		if (process == null || !process.isAlive()) {
			return;
		}
		// SIGINT = "fast shutdown": roll back open transactions, write a checkpoint, exit
		// cleanly.
		signal(process.pid(), "INT");
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				log.warn("Embedded PostgreSQL (pid {}) did not stop within 60 s; sending SIGQUIT", process.pid());
				signal(process.pid(), "QUIT");
				process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		log.info("Embedded PostgreSQL stopped (exit {})", process.isAlive() ? "pending" : process.exitValue());
	}

	private String loadOrCreateSecret(String name) throws IOException {
		Path secrets = dataDir.resolve("secrets");
		Path file = secrets.resolve(name);
		if (Files.exists(file)) {
			return Files.readString(file, StandardCharsets.UTF_8).trim();
		}
		Files.createDirectories(secrets);
		Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		Path temp = Files.createTempFile(secrets, name, ".tmp",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(temp, generated, StandardCharsets.UTF_8);
		Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		return generated;
	}

	private void initdb(OsUser osUser) throws IOException {
		Path staging = dataDir.resolve("postgres.initdb");
		PostgresBinaries.deleteTree(staging);
		Files.createDirectories(staging);
		Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwx------"));
		Path pwfile = Files.createTempFile(dataDir, "pw", ".tmp",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		try {
			Files.writeString(pwfile, superuserPassword, StandardCharsets.UTF_8);
			osUser.own(staging);
			osUser.own(pwfile);
			List<String> command = List.of(bin("initdb"), "--pgdata=" + staging, "--username=" + SUPERUSER,
					"--pwfile=" + pwfile, "--auth=scram-sha-256", "--data-checksums", "--encoding=UTF8",
					"--locale=C.UTF-8", "--no-instructions");
			run(osUser.wrap(command), "initdb");
		}
		finally {
			Files.deleteIfExists(pwfile);
		}
		Files.move(staging, pgData, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		log.info("Initialised a new PostgreSQL cluster in {}", pgData);
	}

	private void stopLeftoverServer() throws IOException {
		Path pidFile = pgData.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.isEmpty()) {
			return;
		}
		long pid = Long.parseLong(lines.get(0).trim());
		ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(leftover -> {
			log.warn("A PostgreSQL server (pid {}) from an earlier run still holds {}; stopping it", pid, pgData);
			signal(pid, "INT");
			leftover.onExit().orTimeout(60, TimeUnit.SECONDS).join();
		});
	}

	private Process launch(OsUser osUser) throws IOException {
		List<String> command = new ArrayList<>();
		// setsid: the server gets its own session, so Ctrl-C on the terminal reaches only
		// the JVM, which then
		// shuts the database down in order (connections closed first).
		command.add("setsid");
		List<String> postgres = new ArrayList<>(
				List.of(bin("postgres"), "-D", pgData.toString(), "-p", Integer.toString(port)));
		SERVER_SETTINGS.forEach((key, value) -> {
			postgres.add("-c");
			postgres.add(key + "=" + value);
		});
		if (archiveWal) {
			archiveSettings(walSpool()).forEach((key, value) -> {
				postgres.add("-c");
				postgres.add(key + "=" + value);
			});
		}
		command.addAll(osUser.wrap(postgres));
		Path logs = dataDir.resolve("logs");
		Files.createDirectories(logs);
		Path logFile = logs.resolve("postgres.log");
		if (!Files.exists(logFile)) {
			Files.createFile(logFile);
		}
		osUser.own(logFile);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
		builder.environment().put("LC_ALL", "C.UTF-8");
		return builder.start();
	}

	private void awaitReady() {
		long deadline = System.nanoTime() + startTimeout.toNanos();
		SQLException last = null;
		while (System.nanoTime() < deadline) {
			if (process != null && !process.isAlive()) {
				throw new IllegalStateException("Embedded PostgreSQL exited with code " + process.exitValue()
						+ " during start; see " + dataDir.resolve("logs/postgres.log"));
			}
			try (Connection ignored = connect("postgres")) {
				return;
			}
			catch (SQLException ex) {
				last = ex;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for PostgreSQL", ex);
			}
		}
		throw new IllegalStateException("Embedded PostgreSQL did not accept connections on port " + port + " within "
				+ startTimeout.toMillis() + " ms: " + (last == null ? "" : last.getMessage()));
	}

	/**
	 * The owner's role (in a cluster with a separate superuser), its database and the
	 * application's role, each created once. The passwords are generated URL-safe tokens,
	 * so they can stand as literals; statements are never logged by this server.
	 */
	private void createRoleAndDatabaseIfMissing() {
		try (Connection connection = connect("postgres")) {
			if (superuserPassword != null) {
				createRoleIfMissing(connection, OWNER, password);
			}
			if (!exists(connection, "select 1 from pg_database where datname = ?", DATABASE)) {
				try (var create = connection.createStatement()) {
					create.execute(
							"create database " + DATABASE + " owner " + OWNER + " encoding 'UTF8' template template0");
				}
			}
			createRoleIfMissing(connection, APPLICATION, applicationPassword);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + DATABASE + " on port " + port, ex);
		}
	}

	private static void createRoleIfMissing(Connection connection, String role, String rolePassword)
			throws SQLException {
		if (exists(connection, "select 1 from pg_roles where rolname = ?", role)) {
			return;
		}
		if (!rolePassword.matches("[A-Za-z0-9_-]+")) {
			throw new IllegalStateException("The database passwords in the data directory's secrets must be tokens "
					+ "of letters, digits, '-' and '_'");
		}
		try (var create = connection.createStatement()) {
			create.execute("create role " + role + " login nosuperuser nocreatedb nocreaterole password '"
					+ rolePassword + "'");
		}
	}

	private static boolean exists(Connection connection, String query, String name) throws SQLException {
		try (var check = connection.prepareStatement(query)) {
			check.setString(1, name);
			return check.executeQuery().next();
		}
	}

	/**
	 * As the cluster's superuser: the separate one, or the application's role before the
	 * split.
	 */
	private Connection connect(String database) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", superuserPassword == null ? OWNER : SUPERUSER);
		properties.setProperty("password", superuserPassword == null ? password : superuserPassword);
		properties.setProperty("connectTimeout", "2");
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
	}

	private String bin(String program) {
		return installation.resolve("bin").resolve(program).toString();
	}

	private static void run(List<String> command, String what) throws IOException {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (p.waitFor() != 0) {
				throw new IOException(what + " failed with exit code " + p.exitValue() + ": " + output.strip());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(what + " interrupted", ex);
		}
	}

	private static void signal(long pid, String signal) {
		try {
			new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
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
