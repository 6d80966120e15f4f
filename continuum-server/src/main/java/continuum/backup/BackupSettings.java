package continuum.backup;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Backups of the embedded database ({@code continuum.backup.*}; docs/operations.md). The
 * documented variables bind through {@code application.properties}:
 * {@code CONTINUUM_BACKUP_DIR} → {@code dir}, {@code CONTINUUM_BACKUP_KEY_FILE} →
 * {@code key-file}. {@code enabled}: the backup component is watched and the schedule may
 * run; {@code schedule}: a base backup by {@code cron} (and one soon after start when the
 * newest is older than a day), each verified when {@code verify}, WAL shipped every
 * {@code wal-interval}; {@code keep} base backups are kept with the WAL they need;
 * {@code max-age}: a verified backup older than this fails the backup probe;
 * {@code scratch-dir}: where verification restores (default
 * {@code <data dir>/backup-verify}).
 */
@Validated
@ConfigurationProperties("continuum.backup")
record BackupSettings(@DefaultValue("true") boolean enabled, @NotBlank @DefaultValue("./backups") String dir,
		@NotBlank @DefaultValue("./backup.key") String keyFile, @Min(1) @Max(1000) @DefaultValue("7") int keep,
		@DefaultValue Schedule schedule, @DefaultValue("26h") Duration maxAge, @Nullable String scratchDir,
		@DefaultValue("2h") Duration recoveryTimeout) {

	/** When base backups are taken and WAL is shipped by the server itself. */
	record Schedule(@DefaultValue("true") boolean enabled, @NotBlank @DefaultValue("0 30 2 * * *") String cron,
			@DefaultValue("10s") Duration walInterval, @DefaultValue("2m") Duration initialDelay,
			@DefaultValue("true") boolean verify) {
	}

}
