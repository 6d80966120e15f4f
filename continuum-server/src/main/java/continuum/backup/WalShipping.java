package continuum.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Continuous WAL: every {@code continuum.backup.schedule.wal-interval} (10 s) the server
 * moves what PostgreSQL archived into the spool to the backup directory, encrypted
 * ({@link WalShipper}). Runs in the server whenever backups are on, schedule or not: the
 * spool is not a backup. A round finds the backup directory locked by a base backup
 * (which ships itself) and waits for it. Like {@link BackupSchedule}, it runs only in the
 * process that runs the embedded database, so it needs no job lease.
 */
@Component
@ConditionalOnExpression("'${continuum.command:}'.isEmpty() and ${continuum.backup.enabled:true}")
class WalShipping {

	private static final Logger log = LoggerFactory.getLogger(WalShipping.class);

	private final BackupService backups;

	WalShipping(BackupService backups) {
		this.backups = backups;
	}

	@Scheduled(fixedDelayString = "${continuum.backup.schedule.wal-interval:10s}",
			initialDelayString = "${continuum.backup.schedule.wal-interval:10s}")
	void ship() {
		if (!backups.enabled()) {
			return;
		}
		try {
			backups.shipWal();
		}
		catch (BackupException ex) {
			log.warn("Shipping archived WAL failed ({}): {}", ex.code().code(), ex.getMessage());
		}
	}

}
