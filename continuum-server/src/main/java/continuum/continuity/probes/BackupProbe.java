package continuum.continuity.probes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import continuum.backup.BackupService;
import continuum.backup.BackupVerification;
import org.springframework.stereotype.Component;

/**
 * The backups (kind {@code backup}): failed when the newest verification failed
 * ({@code backup-verification-failed}), or when no backup has verified whose restore
 * point is newer than {@code continuum.backup.max-age}, default 26 h
 * ({@code backup-stale}), so that a daily backup that stops, or stops proving itself,
 * opens an incident like any other failed component.
 */
@Component
class BackupProbe implements ComponentProbe {

	private final BackupService backups;

	private final Clock clock;

	BackupProbe(BackupService backups, Clock clock) {
		this.backups = backups;
		this.clock = clock;
	}

	@Override
	public String kind() {
		return "backup";
	}

	@Override
	public ProbeOutcome probe(String target, Duration timeout) {
		return judge(backups.lastVerification(), backups.lastSuccessfulVerification(), clock.instant(),
				backups.maxAge());
	}

	static ProbeOutcome judge(Optional<BackupVerification> last, Optional<BackupVerification> lastGood, Instant now,
			Duration maxAge) {
		if (last.isPresent() && !last.get().succeeded()) {
			return ProbeOutcome.failed(ProbeCode.BACKUP_FAILED);
		}
		boolean fresh = lastGood.map(BackupVerification::backupTime)
			.map(time -> Duration.between(time, now).compareTo(maxAge) <= 0)
			.orElse(false);
		return fresh ? ProbeOutcome.ok() : ProbeOutcome.failed(ProbeCode.BACKUP_STALE);
	}

}
