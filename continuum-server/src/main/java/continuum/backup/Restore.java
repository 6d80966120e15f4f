package continuum.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import continuum.platform.database.EmbeddedPostgres;
import continuum.platform.database.PostgresInstance;

/**
 * Writes a new data directory from a backup and recovers it: the base backup's files
 * (each checked against the manifest's size and SHA-256), the archived WAL from the
 * backup's start on (decrypted beforehand into {@code restore-wal/}, which
 * {@code restore_command} copies from, so recovery needs neither the key nor the backup
 * directory), recovery settings for the target; then PostgreSQL replays the WAL up to the
 * target and promotes, and the recovery settings are removed. Used by
 * {@code ./continuum restore} and by every verification.
 */
final class Restore {

	private Restore() {
	}

	/** A recovered copy, its server still running; close stops the server. */
	record Copy(Path dataDir, PostgresInstance server, EmbeddedPostgres.Credentials superuser, List<String> walGaps,
			int walFiles) implements AutoCloseable {

		Connection connect(String database) throws SQLException {
			return server.connect(database, superuser, Duration.ofMinutes(1));
		}

		@Override
		public void close() {
			server.close();
		}

	}

	/**
	 * Restores {@code manifest}'s backup into {@code dataDir} (absent or empty) and
	 * recovers it to {@code target}, waiting at most {@code recoveryTimeout}.
	 */
	static Copy restore(BackupStore store, BackupManifest manifest, Path dataDir, RecoveryTarget target,
			Path binariesDir, Duration recoveryTimeout) throws IOException {
		requireEmpty(dataDir);
		Files.createDirectories(dataDir);
		Path backup = store.base(manifest.id());
		for (String directory : manifest.directories()) {
			Files.createDirectories(dataDir.resolve(directory));
		}
		Path pgData = dataDir.resolve("postgres");
		Files.setPosixFilePermissions(pgData, PosixFilePermissions.fromString("rwx------"));
		for (BackupManifest.FileEntry file : manifest.files()) {
			Path source = BackupStore.fileOf(backup, file.path());
			if (!Files.exists(source)) {
				throw new BackupException(BackupCode.FILE_MISMATCH,
						"Backup " + manifest.id() + " lacks " + file.path() + " (" + source + ")");
			}
			EncryptedFile.Digest digest = EncryptedFile.restore(source, dataDir.resolve(file.path()), store.key());
			if (digest.size() != file.size() || !digest.sha256().equals(file.sha256())) {
				throw new BackupException(BackupCode.FILE_MISMATCH,
						"Backup " + manifest.id() + ": " + file.path() + " has " + digest.size()
								+ " bytes with SHA-256 " + digest.sha256() + ", the manifest says " + file.size()
								+ " bytes with " + file.sha256());
			}
		}
		Path secrets = dataDir.resolve("secrets");
		if (Files.isDirectory(secrets)) {
			Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
		}
		Path walDir = dataDir.resolve("restore-wal");
		Files.createDirectories(walDir);
		List<String> gaps = new ArrayList<>();
		int walFiles = restoreWal(store, manifest, walDir, gaps);
		writeRecoverySettings(pgData, walDir, target);
		PostgresInstance server = PostgresInstance.start(dataDir, binariesDir, java.util.Map.of());
		EmbeddedPostgres.Credentials superuser = superuser(dataDir);
		try {
			awaitPromotion(server, superuser, recoveryTimeout, target);
			try (Connection connection = server.connect("postgres", superuser, Duration.ofMinutes(1));
					Statement statement = connection.createStatement()) {
				for (String setting : List.of("restore_command", "recovery_target_name", "recovery_target_time",
						"recovery_target_action", "recovery_target_timeline")) {
					statement.execute("alter system reset " + setting);
				}
				statement.execute("select pg_reload_conf()");
			}
		}
		catch (SQLException | RuntimeException ex) {
			server.close();
			throw new BackupException(BackupCode.RECOVERY, "Recovery of backup " + manifest.id() + " to " + target
					+ " failed: " + ex.getMessage() + lastLines(server.logFile()), ex);
		}
		return new Copy(dataDir, server, superuser, List.copyOf(gaps), walFiles);
	}

	/**
	 * Decrypts the WAL from the backup's first segment on, stopping at the first missing
	 * segment (recorded in {@code gaps}); timeline histories always.
	 */
	private static int restoreWal(BackupStore store, BackupManifest manifest, Path walDir, List<String> gaps)
			throws IOException {
		long first = BackupStore.position(manifest.startWal());
		long expected = first;
		int count = 0;
		for (String name : store.walFiles()) {
			boolean history = name.endsWith(".history");
			if (!history) {
				long position = BackupStore.position(name.substring(0, 24));
				if (position < first) {
					continue;
				}
				if (BackupStore.SEGMENT.matcher(name).matches()) {
					if (position > expected) {
						gaps.add(String.format("%08X%08X to %08X%08X", expected / 256, expected % 256,
								(position - 1) / 256, (position - 1) % 256));
						break;
					}
					expected = Math.max(expected, position + 1);
				}
			}
			EncryptedFile.restore(store.wal().resolve(name), walDir.resolve(name), store.key());
			count++;
		}
		if (expected == first) {
			gaps.add("no archived WAL from " + manifest.startWal() + " on");
		}
		return count;
	}

	private static void writeRecoverySettings(Path pgData, Path walDir, RecoveryTarget target) throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add("");
		lines.add("# Written by ./continuum restore; removed when recovery has finished.");
		lines.add("restore_command = " + RecoveryTarget.quote("cp '" + walDir + "/%f' '%p'"));
		lines.add("recovery_target_timeline = 'latest'");
		lines.addAll(target.settings());
		Files.write(pgData.resolve("postgresql.auto.conf"), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
		Files.createFile(pgData.resolve("recovery.signal"));
	}

	private static void awaitPromotion(PostgresInstance server, EmbeddedPostgres.Credentials superuser,
			Duration timeout, RecoveryTarget target) throws SQLException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try (Connection connection = server.connect("postgres", superuser, timeout);
					Statement statement = connection.createStatement();
					ResultSet recovering = statement.executeQuery("select pg_is_in_recovery()")) {
				recovering.next();
				if (!recovering.getBoolean(1)) {
					return;
				}
			}
			if (System.nanoTime() > deadline) {
				throw new SQLException("still recovering towards " + target + " after " + timeout.toSeconds() + " s");
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("interrupted", ex);
			}
		}
	}

	/** The restored cluster's superuser, from the restored data directory's secrets. */
	static EmbeddedPostgres.Credentials superuser(Path dataDir) throws IOException {
		Path secrets = dataDir.resolve("secrets");
		Path superuser = secrets.resolve("db-superuser-password");
		if (Files.exists(superuser)) {
			return new EmbeddedPostgres.Credentials("postgres", Files.readString(superuser).trim());
		}
		return new EmbeddedPostgres.Credentials("continuum", Files.readString(secrets.resolve("db-password")).trim());
	}

	private static void requireEmpty(Path dataDir) throws IOException {
		if (!Files.exists(dataDir)) {
			return;
		}
		if (!Files.isDirectory(dataDir)) {
			throw new BackupException(BackupCode.TARGET, dataDir + " exists and is not a directory");
		}
		try (Stream<Path> entries = Files.list(dataDir)) {
			if (entries.findAny().isPresent()) {
				throw new BackupException(BackupCode.TARGET,
						dataDir + " is not empty; restore writes a new data directory, never over an existing one");
			}
		}
	}

	private static String lastLines(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return "; last lines of " + log + ":\n  "
					+ String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
		}
		catch (IOException ex) {
			return "; see " + log;
		}
	}

}
