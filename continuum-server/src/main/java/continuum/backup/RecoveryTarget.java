package continuum.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where recovery of a restored copy stops: a backup's named restore point (verification),
 * a point in time ({@code restore --at}), or the end of the archived WAL. Recovery then
 * promotes the copy to a server of its own (PostgreSQL 17 documentation, 19.5.5 "Recovery
 * Target").
 */
record RecoveryTarget(@Nullable String restorePoint, @Nullable Instant time) {

	private static final DateTimeFormatter POSTGRES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
		.withZone(ZoneOffset.UTC);

	static RecoveryTarget endOfWal() {
		return new RecoveryTarget(null, null);
	}

	static RecoveryTarget restorePoint(String name) {
		return new RecoveryTarget(name, null);
	}

	static RecoveryTarget time(Instant time) {
		return new RecoveryTarget(null, time);
	}

	/** The recovery settings for {@code postgresql.auto.conf}, values quoted. */
	List<String> settings() {
		if (restorePoint != null) {
			return List.of("recovery_target_name = " + quote(restorePoint), "recovery_target_action = 'promote'");
		}
		if (time != null) {
			return List.of("recovery_target_time = " + quote(POSTGRES.format(time)),
					"recovery_target_action = 'promote'");
		}
		return List.of();
	}

	static String quote(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

	@Override
	public String toString() {
		return restorePoint != null ? "restore point " + restorePoint
				: time != null ? "time " + time : "the end of the archived WAL";
	}

}
