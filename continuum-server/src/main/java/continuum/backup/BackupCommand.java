package continuum.backup;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * {@code ./continuum backup} (a base backup now, then its verification when the schedule
 * verifies), {@code backup list} and {@code backup verify}, against the running server's
 * embedded database (attached) or the data directory's. Exit code 0 on success, 1 when
 * the backup or the verification failed (the reason's code printed).
 */
@Component
@ConditionalOnExpression("'${continuum.command:}'.startsWith('backup')")
class BackupCommand implements ApplicationRunner, ExitCodeGenerator {

	static final int FAILED = 1;

	private final BackupService backups;

	private final BackupSettings settings;

	private final String command;

	private int exitCode;

	BackupCommand(BackupService backups, BackupSettings settings,
			@org.springframework.beans.factory.annotation.Value("${continuum.command}") String command) {
		this.backups = backups;
		this.settings = settings;
		this.command = command;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			switch (command) {
				case "backup" -> backup();
				case "backup-list" -> list();
				case "backup-verify" -> verify();
				default -> {
					System.out.println("unknown backup command: " + command.substring("backup-".length())
							+ " (backup, backup list, backup verify)");
					exitCode = 2;
				}
			}
		}
		catch (BackupException ex) {
			System.out.println("BACKUP FAILED (" + ex.code().code() + "): " + ex.getMessage());
			exitCode = FAILED;
		}
	}

	private void backup() {
		long started = System.nanoTime();
		BackupManifest manifest = backups.backupNow();
		System.out.printf("Base backup %s written to %s in %.1f s: %d files, %d bytes of data, restore point %s (%s)%n",
				manifest.id(), backups.backupDir(), (System.nanoTime() - started) / 1e9, manifest.files().size(),
				manifest.totalBytes(), manifest.restorePoint(), manifest.restorePointTime());
		if (settings.schedule().verify()) {
			verify();
		}
	}

	private void list() {
		List<BackupManifest> manifests = backups.list();
		if (manifests.isEmpty()) {
			System.out.println("No backups in " + backups.backupDir());
			return;
		}
		System.out.println("Backups in " + backups.backupDir() + " (oldest first):");
		for (BackupManifest m : manifests) {
			System.out.printf("  %s  consistent at %s  %d files  %d bytes  WAL from %s  key %s%n", m.id(),
					m.restorePointTime(), m.files().size(), m.totalBytes(), m.startWal(), m.keyId());
		}
		backups.newestWal().ifPresent(w -> System.out.println("Newest archived WAL segment: " + w));
		backups.lastVerification()
			.ifPresent(v -> System.out.println("Last verification: " + v.backupId() + " at " + v.startedAt() + " "
					+ (v.succeeded() ? "succeeded" : "FAILED (" + v.code().code() + ")")));
	}

	private void verify() {
		BackupVerification result = backups.verifyLatest();
		if (result.succeeded()) {
			System.out.printf(
					"Backup %s verified in %.1f s: %s%nRecoverable: from %s through the WAL shipped at %s (%s)%n",
					result.backupId(), result.duration().toMillis() / 1000.0, result.checks(), result.backupTime(),
					result.walThrough(), result.walSegment());
		}
		else {
			System.out.println("BACKUP VERIFICATION FAILED (" + result.code().code() + ") for backup "
					+ result.backupId() + ": " + result.message());
			System.out.println("Checked before the failure: " + result.checks());
			exitCode = FAILED;
		}
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}

}
