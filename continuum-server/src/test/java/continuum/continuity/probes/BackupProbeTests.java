package continuum.continuity.probes;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import continuum.backup.BackupCode;
import continuum.backup.BackupVerification;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backup component's judgement: failed after a failed verification, stale without a
 * verified backup or when the newest verified one is older than the allowed age.
 */
class BackupProbeTests {

	static final Instant NOW = Instant.parse("2026-03-29T01:30:00Z");

	static final Duration MAX_AGE = Duration.ofHours(26);

	static BackupVerification verified(Instant backupTime) {
		return new BackupVerification("b", backupTime.plusSeconds(60), Duration.ofSeconds(30), true, null, null,
				"checks", backupTime, backupTime.plusSeconds(120), "000000010000000000000003");
	}

	@Test
	void aRecentVerifiedBackupIsOk() {
		BackupVerification good = verified(NOW.minus(Duration.ofHours(25)));
		assertThat(BackupProbe.judge(Optional.of(good), Optional.of(good), NOW, MAX_AGE)).isEqualTo(ProbeOutcome.ok());
	}

	@Test
	void noVerifiedBackupOrAnOldOneIsStale() {
		assertThat(BackupProbe.judge(Optional.empty(), Optional.empty(), NOW, MAX_AGE))
			.isEqualTo(ProbeOutcome.failed(ProbeCode.BACKUP_STALE));
		BackupVerification old = verified(NOW.minus(Duration.ofHours(26)).minusSeconds(1));
		assertThat(BackupProbe.judge(Optional.of(old), Optional.of(old), NOW, MAX_AGE))
			.isEqualTo(ProbeOutcome.failed(ProbeCode.BACKUP_STALE));
	}

	@Test
	void aFailedVerificationFailsEvenWithARecentGoodOne() {
		BackupVerification good = verified(NOW.minus(Duration.ofHours(1)));
		BackupVerification failed = new BackupVerification("c", NOW, Duration.ofSeconds(3), false, BackupCode.TAMPERED,
				"x does not decrypt", "nothing", NOW.minusSeconds(60), null, null);
		assertThat(BackupProbe.judge(Optional.of(failed), Optional.of(good), NOW, MAX_AGE))
			.isEqualTo(ProbeOutcome.failed(ProbeCode.BACKUP_FAILED));
	}

}
