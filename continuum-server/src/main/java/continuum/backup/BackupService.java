package continuum.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import continuum.platform.database.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Backups of the embedded database: a base backup now, the WAL shipped from the spool, a
 * verification of the newest backup, the list, and the last verification's outcome for
 * continuity's backup component. An external database has none of these (its backups are
 * pgBackRest's): every operation then fails with {@link BackupCode#NOT_EMBEDDED}.
 */
@Service
public class BackupService {

	private static final Logger log = LoggerFactory.getLogger(BackupService.class);

	private final @Nullable EmbeddedPostgres postgres;

	private final BackupSettings settings;

	private final AuditService audit;

	private final ChangeFeed changes;

	private final CopyChecks checks;

	private final VerificationRepository verifications;

	private final Clock clock;

	BackupService(ObjectProvider<EmbeddedPostgres> postgres, BackupSettings settings, AuditService audit,
			ChangeFeed changes, CopyChecks checks, VerificationRepository verifications, Clock clock) {
		this.postgres = postgres.getIfAvailable();
		this.settings = settings;
		this.audit = audit;
		this.changes = changes;
		this.checks = checks;
		this.verifications = verifications;
		this.clock = clock;
	}

	/** Whether backups are on: the database is the embedded one and not switched off. */
	public boolean enabled() {
		return postgres != null && settings.enabled();
	}

	/** A verified backup older than this fails the backup component's probe. */
	public Duration maxAge() {
		return settings.maxAge();
	}

	/** The newest recorded verification, whatever its outcome. */
	public Optional<BackupVerification> lastVerification() {
		return verifications.latest(false);
	}

	/** The newest successful verification. */
	public Optional<BackupVerification> lastSuccessfulVerification() {
		return verifications.latest(true);
	}

	/** Takes a base backup now, ships the WAL it needs, then applies retention. */
	BackupManifest backupNow() {
		EmbeddedPostgres database = database();
		BackupStore store = store(true);
		try (BackupStore.Held held = store.lock()) {
			store.claim(systemIdentifier(database));
			BackupManifest manifest = new BaseBackup(database, store, audit, changes).take();
			List<String> removed = store.retain(settings.keep());
			if (!removed.isEmpty()) {
				log.info("Retention removed backups {} and the WAL only they needed", removed);
			}
			return manifest;
		}
		catch (IOException | SQLException ex) {
			throw new BackupException(BackupCode.IO, "Base backup failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Moves the archived WAL from the spool into the backup directory; answers how many
	 * files, or nothing when another process holds the backup directory now.
	 */
	int shipWal() {
		EmbeddedPostgres database = database();
		if (!WalShipper.pending(database.walSpool())) {
			return 0;
		}
		BackupStore store = store(true);
		try (BackupStore.Held held = store.lock()) {
			store.claim(systemIdentifier(database));
			return WalShipper.ship(database.walSpool(), store);
		}
		catch (SQLException ex) {
			throw new BackupException(BackupCode.IO, "Cannot read the database's system identifier", ex);
		}
		catch (IOException ex) {
			throw new BackupException(BackupCode.IO, "Shipping WAL from " + database.walSpool() + " failed", ex);
		}
	}

	private @Nullable String systemIdentifier;

	/**
	 * PostgreSQL's identifier of the embedded database system (kept by restored copies).
	 */
	private synchronized String systemIdentifier(EmbeddedPostgres database) throws SQLException {
		if (systemIdentifier == null) {
			try (Connection connection = database.connectAsSuperuser();
					var statement = connection.createStatement();
					var rs = statement.executeQuery("select system_identifier::text from pg_control_system()")) {
				rs.next();
				systemIdentifier = rs.getString(1);
			}
		}
		return systemIdentifier;
	}

	/** The complete backups, oldest first (their manifests decrypted). */
	List<BackupManifest> list() {
		BackupStore store = store(false);
		List<BackupManifest> manifests = new ArrayList<>();
		for (String id : store.ids()) {
			manifests.add(store.manifest(id));
		}
		return manifests;
	}

	/** Newest archived WAL segment in the backup directory, if any. */
	Optional<String> newestWal() {
		List<String> files = store(false).walFiles();
		return files.stream().filter(f -> BackupStore.SEGMENT.matcher(f).matches()).reduce((a, b) -> b);
	}

	/**
	 * Restores the newest backup into a scratch directory, recovers it to its restore
	 * point, checks it ({@link CopyChecks}), records the outcome and answers it. Never
	 * throws for a failed check: the failure is the recorded outcome.
	 */
	BackupVerification verifyLatest() {
		Instant started = clock.instant();
		long t0 = System.nanoTime();
		EmbeddedPostgres database = database();
		BackupManifest manifest = null;
		List<String> checked = new ArrayList<>();
		BackupVerification result;
		Path scratch = scratchRoot(database).resolve("verify-" + Long.toHexString(System.nanoTime()));
		try {
			BackupStore store = store(false);
			manifest = store.latest();
			checked.add("backup " + manifest.id() + ": " + manifest.files().size() + " files decrypted, sizes and "
					+ "SHA-256 as in the manifest");
			String newest;
			Instant walThrough;
			try (Restore.Copy copy = Restore.restore(store, manifest, scratch,
					RecoveryTarget.restorePoint(manifest.restorePoint()), database.binariesDir(),
					settings.recoveryTimeout())) {
				if (!copy.walGaps().isEmpty()) {
					throw new BackupException(BackupCode.WAL_GAP, "Archived WAL is missing after backup "
							+ manifest.id() + ": " + String.join(", ", copy.walGaps()));
				}
				newest = newestWal().orElse(manifest.restorePointWal());
				walThrough = shippedAt(store, newest);
				checked.add("WAL: " + copy.walFiles() + " archived files decrypted, contiguous through " + newest
						+ ", replayed to restore point " + manifest.restorePoint());
				try (Connection connection = copy.connect("continuum")) {
					checked.addAll(checks.check(connection, manifest));
				}
			}
			result = new BackupVerification(manifest.id(), started, Duration.ofNanos(System.nanoTime() - t0), true,
					null, null, String.join("; ", checked), manifest.restorePointTime(), walThrough, newest);
			log.info("Backup {} verified in {} ms: {}", manifest.id(), result.duration().toMillis(), result.checks());
		}
		catch (BackupException ex) {
			result = failed(manifest, started, t0, ex.code(), ex.getMessage(), checked);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			result = failed(manifest, started, t0, BackupCode.IO, ex.toString(), checked);
		}
		finally {
			try {
				BackupStore.deleteTree(scratch);
			}
			catch (IOException ex) {
				log.warn("Cannot remove the verification's scratch directory {}: {}", scratch, ex.toString());
			}
		}
		verifications.insert(result);
		return result;
	}

	private BackupVerification failed(@Nullable BackupManifest manifest, Instant started, long t0, BackupCode code,
			String message, List<String> checked) {
		log.warn("Backup verification failed ({}): {}", code.code(), message);
		return new BackupVerification(manifest == null ? "-" : manifest.id(), started,
				Duration.ofNanos(System.nanoTime() - t0), false, code, message,
				checked.isEmpty() ? "nothing" : String.join("; ", checked),
				manifest == null ? null : manifest.restorePointTime(), null, null);
	}

	private static Instant shippedAt(BackupStore store, String segment) throws IOException {
		FileTime time = Files.getLastModifiedTime(store.wal().resolve(segment));
		return time.toInstant();
	}

	private Path scratchRoot(EmbeddedPostgres database) {
		return settings.scratchDir() == null ? database.dataDir().resolve("backup-verify")
				: Path.of(settings.scratchDir());
	}

	Path backupDir() {
		return Path.of(settings.dir()).toAbsolutePath().normalize();
	}

	private BackupStore store(boolean createKey) {
		EmbeddedPostgres database = database();
		if (backupDir().startsWith(database.dataDir())) {
			throw new BackupException(BackupCode.CONFIGURATION,
					"The backup directory " + backupDir() + " lies inside the data directory " + database.dataDir()
							+ "; put it beside it (CONTINUUM_BACKUP_DIR), ideally on another disk");
		}
		Path keyFile = Path.of(settings.keyFile());
		BackupKey key = createKey ? BackupKey.loadOrCreate(keyFile, database.dataDir(), backupDir())
				: requireKey(keyFile);
		return new BackupStore(backupDir(), key);
	}

	private static BackupKey requireKey(Path keyFile) {
		if (!Files.exists(keyFile)) {
			throw new BackupException(BackupCode.KEY_FILE, "The backup key file " + keyFile.toAbsolutePath()
					+ " does not exist (CONTINUUM_BACKUP_KEY_FILE); it is made by the first backup");
		}
		return BackupKey.load(keyFile);
	}

	private EmbeddedPostgres database() {
		if (postgres == null) {
			throw new BackupException(BackupCode.NOT_EMBEDDED, "The database is external (CONTINUUM_DB_URL): back it "
					+ "up with pgBackRest (docs/operations.md); these commands back up the embedded database");
		}
		return postgres;
	}

}
