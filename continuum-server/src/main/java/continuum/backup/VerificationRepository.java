package continuum.backup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The recorded verifications ({@code backup_verification}). */
@Repository
class VerificationRepository {

	private final JdbcClient jdbc;

	VerificationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(BackupVerification v) {
		jdbc.sql("""
				insert into backup_verification (backup_id, started_at, duration_ms, succeeded, code, message, checks,
				                                 backup_time, wal_through, wal_segment)
				values (:backup, :started, :duration, :succeeded, :code, :message, :checks, :backupTime, :walThrough,
				        :walSegment)""")
			.param("backup", v.backupId())
			.param("started", Timestamp.from(v.startedAt()))
			.param("duration", v.duration().toMillis())
			.param("succeeded", v.succeeded())
			.param("code", v.code() == null ? null : v.code().name())
			.param("message", v.message())
			.param("checks", v.checks())
			.param("backupTime", timestamp(v.backupTime()))
			.param("walThrough", timestamp(v.walThrough()))
			.param("walSegment", v.walSegment())
			.update();
	}

	Optional<BackupVerification> latest(boolean succeededOnly) {
		return jdbc.sql("select * from backup_verification where succeeded or not :only order by id desc limit 1")
			.param("only", succeededOnly)
			.query(VerificationRepository::map)
			.optional();
	}

	private static BackupVerification map(ResultSet rs, int row) throws SQLException {
		String code = rs.getString("code");
		return new BackupVerification(rs.getString("backup_id"), rs.getTimestamp("started_at").toInstant(),
				Duration.ofMillis(rs.getLong("duration_ms")), rs.getBoolean("succeeded"),
				code == null ? null : BackupCode.valueOf(code), rs.getString("message"), rs.getString("checks"),
				instant(rs.getTimestamp("backup_time")), instant(rs.getTimestamp("wal_through")),
				rs.getString("wal_segment"));
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
