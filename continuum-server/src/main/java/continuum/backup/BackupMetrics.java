package continuum.backup;

import java.time.Clock;
import java.time.Duration;

import continuum.platform.SampledGauges;
import org.springframework.stereotype.Component;

/**
 * {@code continuum.backup.verified.age}: seconds since the restore point of the newest
 * backup that verified (-1 when none has), sampled like every gauge read from the
 * database; an alert on it needs nothing from continuity.
 */
@Component
class BackupMetrics {

	BackupMetrics(SampledGauges gauges, BackupService backups, Clock clock) {
		gauges.register("continuum.backup.verified.age",
				"Seconds since the restore point of the newest verified backup (-1: none)",
				() -> backups.lastSuccessfulVerification()
					.filter(v -> v.backupTime() != null)
					.map(v -> Duration.between(v.backupTime(), clock.instant()).toSeconds())
					.orElse(-1L));
	}

}
