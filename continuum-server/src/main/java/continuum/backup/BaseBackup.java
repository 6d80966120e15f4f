package continuum.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import continuum.platform.database.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * One base backup of the embedded cluster through PostgreSQL's low-level API (PostgreSQL
 * 17 documentation, 25.3.4 "Making a Base Backup Using the Low Level API"):
 * {@code pg_backup_start} and {@code pg_backup_stop} on one session, the data directory
 * copied in between (encrypted, file by file) without what the documentation says to
 * leave out, {@code backup_label} and {@code tablespace_map} written from
 * {@code pg_backup_stop}'s answer. Then, with every table locked against writes for an
 * instant, the row counts, the change feed's and the audit chain's heads and a named
 * restore point; the segment holding it is switched, archived and shipped before the
 * manifest seals the backup.
 */
final class BaseBackup {

	private static final Logger log = LoggerFactory.getLogger(BaseBackup.class);

	static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

	/** Directories whose contents are left out, the directory itself kept (25.3.4). */
	private static final Set<String> CONTENTS_EXCLUDED = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
			"pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

	/** Files of the cluster's top directory that are left out. */
	private static final Set<String> FILES_EXCLUDED = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
			"tablespace_map", "backup_label.old", "recovery.signal", "standby.signal");

	private final EmbeddedPostgres postgres;

	private final BackupStore store;

	private final AuditService audit;

	private final ChangeFeed changes;

	private final List<String> directories = new ArrayList<>();

	private final List<BackupManifest.FileEntry> files = new ArrayList<>();

	BaseBackup(EmbeddedPostgres postgres, BackupStore store, AuditService audit, ChangeFeed changes) {
		this.postgres = postgres;
		this.store = store;
		this.audit = audit;
		this.changes = changes;
	}

	/** Takes the backup; the caller holds the backup directory's lock. */
	BackupManifest take() throws IOException, SQLException {
		try (Connection session = postgres.connectAsSuperuser()) {
			JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(session, true));
			if (!"on".equals(jdbc.sql("select current_setting('archive_mode')").query(String.class).single())) {
				throw new BackupException(BackupCode.CONFIGURATION, "The server does not archive WAL "
						+ "(continuum.backup.enabled=false when it started), so a base backup could not be restored; "
						+ "start it with backups enabled");
			}
			Instant startTime = now(jdbc);
			String id = BaseBackup.ID.format(startTime);
			Path partial = store.begin(id);
			// Outside the cluster: the passwords of its roles, and the audit chain's
			// anchor
			// as it stands before the backup starts (a copy recovered to any later point
			// reaches it).
			copyTree(postgres.dataDir().resolve("secrets"), "secrets", partial, Set.of());
			copyFile(postgres.dataDir().resolve("audit").resolve("chain-anchor"), "audit/chain-anchor", partial);
			String startLsn = jdbc.sql("select pg_backup_start(:label, true)::text")
				.param("label", "continuum " + id)
				.query(String.class)
				.single();
			String startWal = walFile(jdbc, startLsn);
			copyTree(postgres.pgData(), "postgres", partial, FILES_EXCLUDED);
			Map<String, Object> stop = jdbc
				.sql("select lsn::text as lsn, labelfile, spcmapfile from pg_backup_stop(wait_for_archive => true)")
				.query()
				.singleRow();
			writeText((String) stop.get("labelfile"), "postgres/backup_label", partial);
			String map = (String) stop.get("spcmapfile");
			if (map != null && !map.isEmpty()) {
				writeText(map, "postgres/tablespace_map", partial);
			}
			Instant stopTime = now(jdbc);
			RestorePoint point = RestorePoint.take(session, jdbc, "continuum-" + id, audit, changes);
			String restorePointWal = walFile(jdbc, point.lsn());
			jdbc.sql("select pg_switch_wal()").query().singleValue();
			awaitArchived(restorePointWal);
			WalShipper.ship(postgres.walSpool(), store);
			Map<String, Object> system = jdbc.sql("""
					select current_setting('server_version') as version,
					       (select system_identifier::text from pg_control_system()) as system""").query().singleRow();
			BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, id, store.key().id(),
					(String) system.get("version"), (String) system.get("system"), startTime, stopTime, startLsn,
					(String) stop.get("lsn"), Integer.parseInt(startWal.substring(0, 8), 16), startWal,
					"continuum-" + id, point.lsn(), restorePointWal, point.time(), point.rowCounts(),
					point.changeFeed(), point.auditHead() == null ? null : point.auditHead().position(),
					point.auditHead() == null ? null : point.auditHead().hash(), List.copyOf(directories),
					List.copyOf(files));
			store.complete(partial, manifest);
			log.info("Base backup {} complete: {} files, {} bytes, start {} stop {}, restore point at {}", id,
					files.size(), manifest.totalBytes(), startLsn, stop.get("lsn"), point.lsn());
			return manifest;
		}
	}

	private void awaitArchived(String segment) throws IOException {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (!Files.exists(postgres.walSpool().resolve(segment)) && !Files.exists(store.wal().resolve(segment))) {
			if (System.nanoTime() > deadline) {
				throw new BackupException(BackupCode.IO, "WAL segment " + segment + " was not archived into "
						+ postgres.walSpool() + " within 2 minutes; see " + postgres.dataDir().resolve("logs"));
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while waiting for WAL segment " + segment, ex);
			}
		}
	}

	private void copyTree(Path source, String prefix, Path backup, Set<String> topExcluded) throws IOException {
		if (!Files.isDirectory(source)) {
			return;
		}
		List<Path> paths;
		try (Stream<Path> walk = Files.walk(source)) {
			paths = walk.sorted().collect(Collectors.toList());
		}
		catch (java.io.UncheckedIOException ex) {
			// A directory removed while it was walked (a dropped database's): retry once.
			try (Stream<Path> walk = Files.walk(source)) {
				paths = walk.sorted().collect(Collectors.toList());
			}
		}
		for (Path path : paths) {
			Path relative = source.relativize(path);
			String name = path.getFileName().toString();
			if (excluded(relative, name, Files.isDirectory(path), topExcluded)) {
				continue;
			}
			String target = relative.toString().isEmpty() ? prefix : prefix + "/" + relative;
			if (Files.isDirectory(path)) {
				directories.add(target);
			}
			else if (Files.isRegularFile(path)) {
				copyFile(path, target, backup);
			}
		}
	}

	/**
	 * Left out: the listed top-level files, temporary files and relation cache files, and
	 * what lies inside the directories whose contents are excluded (but pg_wal's own
	 * subdirectories, which recovery expects).
	 */
	private static boolean excluded(Path relative, String name, boolean directory, Set<String> topExcluded) {
		int depth = relative.getNameCount();
		if (depth == 1 && topExcluded.contains(name)) {
			return true;
		}
		if (name.startsWith("pgsql_tmp") || name.equals("pg_internal.init") || name.endsWith(".tmp")) {
			return true;
		}
		if (depth < 2 || !CONTENTS_EXCLUDED.contains(relative.getName(0).toString())) {
			return false;
		}
		return !(directory && depth == 2 && relative.getName(0).toString().equals("pg_wal"));
	}

	private void copyFile(Path source, String path, Path backup) throws IOException {
		try {
			EncryptedFile.Digest digest = EncryptedFile.copy(source, BackupStore.fileOf(backup, path), store.key());
			files.add(new BackupManifest.FileEntry(path, digest.size(), digest.sha256()));
		}
		catch (NoSuchFileException ex) {
			// Removed since the walk (a dropped relation): WAL replay accounts for it.
		}
	}

	private void writeText(String text, String path, Path backup) throws IOException {
		EncryptedFile.Digest digest = EncryptedFile.write(
				new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), BackupStore.fileOf(backup, path),
				store.key());
		files.add(new BackupManifest.FileEntry(path, digest.size(), digest.sha256()));
	}

	private static String walFile(JdbcClient jdbc, String lsn) {
		return jdbc.sql("select pg_walfile_name(cast(:lsn as pg_lsn))").param("lsn", lsn).query(String.class).single();
	}

	private static Instant now(JdbcClient jdbc) {
		return jdbc.sql("select clock_timestamp()").query(Timestamp.class).single().toInstant();
	}

}
