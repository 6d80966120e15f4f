package continuum.backup;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One verification of a backup: restored into a scratch directory, recovered to its
 * restore point and checked. {@code checks} says what was checked (or how far it got);
 * {@code backupTime} and {@code walThrough} are the data-loss window it proves: the
 * backup's restore point, and the time the newest archived WAL that decrypted after it
 * was shipped.
 */
public record BackupVerification(String backupId, Instant startedAt, Duration duration, boolean succeeded,
		@Nullable BackupCode code, @Nullable String message, String checks, @Nullable Instant backupTime,
		@Nullable Instant walThrough, @Nullable String walSegment) {
}
