package continuum.backup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The server's own base backups: one by {@code continuum.backup.schedule.cron} (default
 * 02:30 daily) and one shortly after start when the newest is older than a day, each
 * followed by its verification ({@link WalShipping} ships the WAL whether or not this
 * schedule runs). Runs only in the server (not in operator commands) and only when
 * backups and the schedule are on; a failure is logged with its code and shows on
 * continuity's backup component through the recorded verification. Needs no job lease
 * ({@code platform.JobLeases}): only the process that runs the embedded database backs it
 * up, and there is one such process (an external database is backed up outside Continuum,
 * by pgBackRest).
 */
@Component
@ConditionalOnExpression("'${continuum.command:}'.isEmpty() and ${continuum.backup.enabled:true} "
		+ "and ${continuum.backup.schedule.enabled:true}")
class BackupSchedule {

	private static final Logger log = LoggerFactory.getLogger(BackupSchedule.class);

	private final BackupService backups;

	private final BackupSettings settings;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final AtomicBoolean running = new AtomicBoolean();

	BackupSchedule(BackupService backups, BackupSettings settings, TaskScheduler scheduler, Clock clock) {
		this.backups = backups;
		this.settings = settings;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void catchUpAfterStart() {
		if (!backups.enabled()) {
			return;
		}
		scheduler.schedule(() -> {
			List<BackupManifest> existing = safeList();
			Instant newest = existing.isEmpty() ? Instant.EPOCH : existing.get(existing.size() - 1).restorePointTime();
			if (Duration.between(newest, clock.instant()).compareTo(Duration.ofDays(1)) > 0) {
				baseBackup();
			}
		}, clock.instant().plus(settings.schedule().initialDelay()));
	}

	@Scheduled(cron = "${continuum.backup.schedule.cron:0 30 2 * * *}")
	void baseBackup() {
		if (!backups.enabled() || !running.compareAndSet(false, true)) {
			return;
		}
		try {
			BackupManifest manifest = backups.backupNow();
			log.info("Scheduled base backup {} done", manifest.id());
			if (settings.schedule().verify()) {
				backups.verifyLatest();
			}
		}
		catch (BackupException ex) {
			log.warn("Scheduled base backup failed ({}): {}", ex.code().code(), ex.getMessage());
		}
		finally {
			running.set(false);
		}
	}

	private List<BackupManifest> safeList() {
		try {
			return backups.list();
		}
		catch (BackupException ex) {
			return List.of();
		}
	}

}
