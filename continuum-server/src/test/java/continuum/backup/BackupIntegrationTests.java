package continuum.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import continuum.continuity.probes.ComponentCatalogue;
import continuum.continuity.probes.ComponentDefinition;
import continuum.continuity.probes.ProbeCode;
import continuum.continuity.probes.ProbeOutcome;
import continuum.continuity.probes.ProbeRunner;
import continuum.platform.database.EmbeddedPostgres;
import continuum.platform.database.PostgresInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Backups of a running server's embedded database, with real files and real PostgreSQL
 * processes: a base backup, its list and verification (a copy restored, recovered and
 * checked); a flipped byte and a wrong key refused by name; a point-in-time restore
 * between two writes served by a PostgreSQL of its own; a failed verification failing the
 * backup component's probe. A context of its own: backups are watched here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "continuum.backup.enabled=true", "continuum.demo.patients=40" })
@ActiveProfiles("test")
class BackupIntegrationTests {

	@Autowired
	BackupService backups;

	@Autowired
	BackupSettings settings;

	@Autowired
	EmbeddedPostgres postgres;

	@Autowired
	ComponentCatalogue catalogue;

	@Autowired
	ProbeRunner prober;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	javax.sql.DataSource dataSource;

	@TempDir
	Path temp;

	@Test
	void backsUpTheRunningDatabaseListsAndVerifiesIt() {
		CommandRun backup = command("backup");
		assertThat(backup.exitCode()).as(backup.output()).isZero();
		assertThat(backup.output()).contains("Base backup ", "verified in");
		BackupManifest manifest = backups.list().get(backups.list().size() - 1);
		assertThat(manifest.files()).extracting(BackupManifest.FileEntry::path)
			.contains("postgres/backup_label", "postgres/PG_VERSION", "postgres/global/pg_control",
					"secrets/db-password")
			.noneMatch(path -> path.startsWith("postgres/pg_wal/") || path.equals("postgres/postmaster.pid"));
		assertThat(manifest.directories()).contains("postgres/pg_wal", "postgres/pg_wal/archive_status");
		assertThat(manifest.rowCounts()).containsKey("patient").containsKey("audit_log");
		assertThat(manifest.rowCounts().get("patient")).isGreaterThanOrEqualTo(40);
		assertThat(manifest.keyId()).hasSize(16);
		assertThat(manifest.auditChainPosition()).isPositive();
		assertThat(Files.exists(backups.backupDir().resolve("wal").resolve(manifest.restorePointWal()))).isTrue();

		CommandRun list = command("backup-list");
		assertThat(list.exitCode()).isZero();
		assertThat(list.output()).contains(manifest.id(), "key " + manifest.keyId(), "Last verification");

		CommandRun verify = command("backup-verify");
		assertThat(verify.exitCode()).as(verify.output()).isZero();
		BackupVerification result = backups.lastVerification().orElseThrow();
		assertThat(result.succeeded()).isTrue();
		assertThat(result.backupId()).isEqualTo(manifest.id());
		assertThat(result.checks()).contains("amcheck: ", "B-tree indexes", "row counts: ", "as in the manifest",
				"audit chain: ", "change feed: newest position " + manifest.changeFeedPosition());
		assertThat(result.backupTime()).isEqualTo(manifest.restorePointTime());
		assertThat(result.walThrough()).isNotNull();
		assertThat(prober.probeNow(List.of("backup")).get("backup").outcome()).isEqualTo(ProbeOutcome.ok());
	}

	@Test
	void aFlippedByteFailsVerificationByNameAndTheProbe() throws IOException {
		BackupManifest manifest = backups.backupNow();
		BackupManifest.FileEntry largest = manifest.files()
			.stream()
			.max(Comparator.comparingLong(BackupManifest.FileEntry::size))
			.orElseThrow();
		Path file = BackupStore.fileOf(backups.backupDir().resolve("base").resolve(manifest.id()), largest.path());
		flipByte(file, Files.size(file) / 2);

		CommandRun verify = command("backup-verify");
		assertThat(verify.exitCode()).isEqualTo(BackupCommand.FAILED);
		assertThat(verify.output()).contains("BACKUP VERIFICATION FAILED (tampered)", largest.path(),
				"fails its authentication tag");
		BackupVerification failed = backups.lastVerification().orElseThrow();
		assertThat(failed.succeeded()).isFalse();
		assertThat(failed.code()).isEqualTo(BackupCode.TAMPERED);
		assertThat(prober.probeNow(List.of("backup")).get("backup").outcome())
			.isEqualTo(ProbeOutcome.failed(ProbeCode.BACKUP_FAILED));
		assertThat(prober.probeNow(List.of("backup")).get("backup").outcome().good()).isFalse();
		assertThat(catalogue.get("backup").state().name()).isEqualTo("MAJOR_OUTAGE");
	}

	@Test
	void aWrongKeyIsNamedAsSuch() throws IOException {
		BackupManifest manifest = backups.backupNow();
		Path otherKey = temp.resolve("other.key");
		BackupKey other = BackupKey.loadOrCreate(otherKey, postgres.dataDir(), backups.backupDir());
		BackupStore store = new BackupStore(backups.backupDir(), other);
		assertThatThrownBy(() -> store.manifest(manifest.id())).isInstanceOf(BackupException.class)
			.hasMessageContaining("encrypted with the key of id " + manifest.keyId())
			.hasMessageContaining("holds the key of id " + other.id())
			.extracting(ex -> ((BackupException) ex).code())
			.isEqualTo(BackupCode.WRONG_KEY);

		Map<String, String> env = restoreEnvironment();
		env.put("CONTINUUM_BACKUP_KEY_FILE", otherKey.toString());
		CommandRun restore = restore(env, "--to", temp.resolve("restored").toString());
		assertThat(restore.exitCode()).isEqualTo(1);
		assertThat(restore.output()).contains("RESTORE FAILED (wrong-key)", other.id());
		assertThat(temp.resolve("restored")).doesNotExist();
	}

	@Test
	void restoresToAPointInTimeBetweenTwoWrites() throws Exception {
		backups.backupNow();
		String a = "drill-a-" + UUID.randomUUID();
		String b = "drill-b-" + UUID.randomUUID();
		catalogue.register(ComponentDefinition.of(a, "Drill A", "drill", null, 900));
		Instant between = jdbc.sql("select clock_timestamp()").query(Timestamp.class).single().toInstant();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> jdbc.sql("select clock_timestamp()")
				.query(Timestamp.class)
				.single()
				.toInstant()
				.isAfter(between.plusMillis(20)));
		catalogue.register(ComponentDefinition.of(b, "Drill B", "drill", null, 901));
		archiveAndShipCurrentWal();

		Path target = temp.resolve("restored");
		CommandRun restore = restore(restoreEnvironment(), "--to", target.toString(), "--at", between.toString());
		assertThat(restore.exitCode()).as(restore.output()).isZero();
		assertThat(restore.output()).contains("Restored in");
		assertThat(target.resolve("postgres/recovery.signal")).doesNotExist();
		assertThat(target.resolve("restore-wal")).doesNotExist();

		try (PostgresInstance server = PostgresInstance.start(target, Path.of(binaries()), Map.of());
				Connection connection = server.connect("continuum", Restore.superuser(target), Duration.ofMinutes(1))) {
			JdbcClient copy = JdbcClient
				.create(new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true));
			assertThat(copy.sql("select pg_is_in_recovery()").query(Boolean.class).single()).isFalse();
			assertThat(copy.sql("select code from continuity_component where code in (:a, :b)")
				.param("a", a)
				.param("b", b)
				.query(String.class)
				.list()).containsExactly(a);
		}

		CommandRun again = restore(restoreEnvironment(), "--to", target.toString());
		assertThat(again.exitCode()).isEqualTo(1);
		assertThat(again.output()).contains("RESTORE FAILED (target)", "is not empty");
		CommandRun live = restore(restoreEnvironment(), "--to", postgres.dataDir().toString());
		assertThat(live.output()).contains("RESTORE FAILED (target)", "live data directory");
		CommandRun early = restore(restoreEnvironment(), "--to", temp.resolve("early").toString(), "--at",
				"2001-01-01T00:00:00Z");
		assertThat(early.output()).contains("RESTORE FAILED (too-early)");
	}

	@Test
	void aWriterHoldingATableDelaysTheCountsButNotThemWrong() throws Exception {
		javax.sql.DataSource pool = dataSource;
		try (Connection writer = pool.getConnection()) {
			writer.setAutoCommit(false);
			try (Statement statement = writer.createStatement()) {
				statement.executeUpdate("""
						insert into continuity_canary (id, written_at, token) values (1, now(), gen_random_uuid())
						on conflict (id) do update set written_at = excluded.written_at, token = excluded.token""");
			}
			var backup = java.util.concurrent.CompletableFuture.supplyAsync(() -> command("backup"));
			await().atMost(Duration.ofMinutes(2))
				.until(() -> jdbc.sql("select count(*) from pg_locks where not granted and mode = 'ShareLock'")
					.query(Long.class)
					.single() > 0);
			// Past one lock timeout: the backup gave up once and tries again.
			await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> true);
			writer.commit();
			CommandRun run = backup.get(3, java.util.concurrent.TimeUnit.MINUTES);
			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(run.output()).contains("Could not lock every table", "verified in");
		}
	}

	private void archiveAndShipCurrentWal() throws SQLException {
		String segment;
		try (Connection connection = postgres.connectAsSuperuser();
				Statement statement = connection.createStatement()) {
			var rs = statement.executeQuery("select pg_walfile_name(pg_switch_wal())");
			rs.next();
			segment = rs.getString(1);
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			backups.shipWal();
			return Files.exists(backups.backupDir().resolve("wal").resolve(segment));
		});
	}

	private Map<String, String> restoreEnvironment() {
		Map<String, String> env = new HashMap<>();
		env.put("CONTINUUM_BACKUP_DIR", backups.backupDir().toString());
		env.put("CONTINUUM_BACKUP_KEY_FILE", settings.keyFile());
		env.put("CONTINUUM_DATA_DIR", postgres.dataDir().toString());
		env.put("CONTINUUM_DB_BINARIES_DIR", binaries());
		return env;
	}

	private String binaries() {
		return postgres.binariesDir().toString();
	}

	private CommandRun command(String name) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintStream previous = System.out;
		BackupCommand command = new BackupCommand(backups, settings, name);
		System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
		try {
			command.run(null);
		}
		finally {
			System.setOut(previous);
		}
		return new CommandRun(command.getExitCode(), bytes.toString(StandardCharsets.UTF_8));
	}

	private static CommandRun restore(Map<String, String> env, String... args) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int code = new RestoreCommand(env, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(List.of(args));
		return new CommandRun(code, bytes.toString(StandardCharsets.UTF_8));
	}

	private static void flipByte(Path file, long offset) throws IOException {
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
			raf.seek(offset);
			int b = raf.read();
			raf.seek(offset);
			raf.write(b ^ 0x01);
		}
	}

	record CommandRun(int exitCode, String output) {
	}

}
