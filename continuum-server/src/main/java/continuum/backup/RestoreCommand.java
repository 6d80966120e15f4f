package continuum.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * {@code ./continuum restore --to DIR [--at TIME]}: writes a new data directory from the
 * backups, recovered to {@code TIME} (ISO-8601 with a zone, e.g.
 * {@code 2026-12-06T14:30:00Z}) or to the end of the archived WAL, which
 * {@code CONTINUUM_DATA_DIR=DIR ./continuum start} then serves. Runs without the
 * application: the database it would start may be the one lost. Reads
 * {@code CONTINUUM_BACKUP_DIR} (default {@code ./backups}),
 * {@code CONTINUUM_BACKUP_KEY_FILE} (default {@code ./backup.key}, never generated here)
 * and {@code CONTINUUM_DATA_DIR} (the live data directory, refused as target). Exit code
 * 0 when the copy is recovered, 2 for a usage error, 1 for any other failure.
 */
public final class RestoreCommand {

	private final Map<String, String> environment;

	private final PrintStream out;

	public RestoreCommand(Map<String, String> environment, PrintStream out) {
		this.environment = environment;
		this.out = out;
	}

	/** Runs the command; answers the exit code. */
	public int run(List<String> args) {
		Path target = null;
		Instant at = null;
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if ((arg.equals("--to") || arg.equals("--at")) && i + 1 < args.size()) {
				String value = args.get(++i);
				if (arg.equals("--to")) {
					target = Path.of(value).toAbsolutePath().normalize();
				}
				else {
					try {
						at = OffsetDateTime.parse(value).toInstant();
					}
					catch (DateTimeParseException ex) {
						out.println("restore: --at takes an ISO-8601 time with a zone, e.g. 2026-12-06T14:30:00Z");
						return 2;
					}
				}
			}
			else if (!arg.startsWith("--continuum.")) {
				out.println("restore: unknown argument " + arg + "; usage: restore --to DIR [--at TIME]");
				return 2;
			}
		}
		if (target == null) {
			out.println("restore: usage: restore --to DIR [--at TIME]");
			return 2;
		}
		try {
			restore(target, at);
			return 0;
		}
		catch (BackupException ex) {
			out.println("RESTORE FAILED (" + ex.code().code() + "): " + ex.getMessage());
			return 1;
		}
		catch (IOException | RuntimeException ex) {
			out.println("RESTORE FAILED (" + BackupCode.IO.code() + "): " + ex);
			return 1;
		}
	}

	private void restore(Path target, Instant at) throws IOException {
		Path live = Path.of(env("CONTINUUM_DATA_DIR", "./data")).toAbsolutePath().normalize();
		if (target.equals(live) || live.startsWith(target) || target.startsWith(live.resolve("postgres"))) {
			throw new BackupException(BackupCode.TARGET,
					target + " is or holds the live data directory " + live + "; restore into a new directory");
		}
		Path backupDir = Path.of(env("CONTINUUM_BACKUP_DIR", "./backups"));
		Path keyFile = Path.of(env("CONTINUUM_BACKUP_KEY_FILE", "./backup.key"));
		if (!Files.exists(keyFile)) {
			throw new BackupException(BackupCode.KEY_FILE, "The backup key file " + keyFile.toAbsolutePath()
					+ " does not exist (CONTINUUM_BACKUP_KEY_FILE); without the key no backup can be read");
		}
		BackupStore store = new BackupStore(backupDir, BackupKey.load(keyFile));
		BackupManifest manifest = choose(store, at);
		RecoveryTarget recovery = at == null ? RecoveryTarget.endOfWal() : RecoveryTarget.time(at);
		out.println("Restoring backup " + manifest.id() + " (restore point " + manifest.restorePointTime() + ") into "
				+ target + ", recovering to " + recovery + "...");
		long started = System.nanoTime();
		String binaries = environment.get("CONTINUUM_DB_BINARIES_DIR");
		Path binariesDir = binaries == null || binaries.isBlank() ? target.resolve("pgsql") : Path.of(binaries);
		try (Restore.Copy copy = Restore.restore(store, manifest, target, recovery, binariesDir, Duration.ofHours(6))) {
			if (!copy.walGaps().isEmpty()) {
				out.println("Warning: archived WAL is missing (" + String.join(", ", copy.walGaps())
						+ "); recovery went only as far as the WAL before it");
			}
		}
		BackupStore.deleteTree(target.resolve("restore-wal"));
		out.println("Restored in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s. Serve it with: "
				+ "CONTINUUM_DATA_DIR=" + target + " ./continuum start, then take a new base backup "
				+ "(./continuum backup): the restored server starts a new WAL timeline.");
	}

	/**
	 * The newest backup, or for a point in time the newest whose restore point precedes
	 * it.
	 */
	static BackupManifest choose(BackupStore store, Instant at) {
		List<String> ids = store.ids();
		if (ids.isEmpty()) {
			throw new BackupException(BackupCode.NO_BACKUP, "There is no complete backup in " + store.root());
		}
		if (at == null) {
			return store.manifest(ids.get(ids.size() - 1));
		}
		BackupManifest oldest = null;
		for (int i = ids.size() - 1; i >= 0; i--) {
			BackupManifest manifest = store.manifest(ids.get(i));
			if (!manifest.restorePointTime().isAfter(at)) {
				return manifest;
			}
			oldest = manifest;
		}
		throw new BackupException(BackupCode.TOO_EARLY, at + " is before the oldest backup's consistent point "
				+ oldest.restorePointTime() + " (backup " + oldest.id() + ")");
	}

	private String env(String name, String fallback) {
		String value = environment.get(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}
