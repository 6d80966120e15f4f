package continuum.imaging.dimse;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The undelivered storage commitment reports, {@code imaging_commitment_report} (V463).
 */
@Repository
class CommitmentReportStore {

	private final JdbcClient jdbc;

	CommitmentReportStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A kept report as the sender takes it. */
	record Kept(long id, String aeTitle, String transactionUid, byte[] eventInformation, int attempts,
			Instant createdAt) {
	}

	void insert(String aeTitle, String transactionUid, byte[] eventInformation, int committed, int failed,
			Instant now) {
		jdbc.sql("""
				insert into imaging_commitment_report (ae_title, transaction_uid, event_information, committed_count,
				                                       failed_count, created_at, next_attempt_at)
				values (:ae, :tx, :info, :committed, :failed, :now, :now)""")
			.param("ae", aeTitle)
			.param("tx", transactionUid)
			.param("info", eventInformation)
			.param("committed", committed)
			.param("failed", failed)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Pending reports that are due, oldest first; up to {@code limit}. */
	List<Kept> due(Instant now, int limit) {
		return jdbc.sql("""
				select id, ae_title, transaction_uid, event_information, attempts, created_at
				from imaging_commitment_report
				where state = 'pending' and next_attempt_at <= :now
				order by id
				limit :limit""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, row) -> new Kept(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getInt(5),
					rs.getTimestamp(6).toInstant()))
			.list();
	}

	/** A delivered report is no longer kept. */
	void delivered(long id) {
		jdbc.sql("delete from imaging_commitment_report where id = :id").param("id", id).update();
	}

	/**
	 * Records a failed attempt: retried at {@code retryAt}, or, when {@code retryAt} is
	 * null, given up ({@code failed}).
	 */
	void attemptFailed(long id, String error, @Nullable Instant retryAt, Instant now) {
		jdbc.sql("""
				update imaging_commitment_report
				set attempts = attempts + 1, last_attempt_at = :now, last_error = :error,
				    state = case when :retry::timestamptz is null then 'failed' else 'pending' end,
				    next_attempt_at = coalesce(:retry::timestamptz, next_attempt_at)
				where id = :id and state = 'pending'""")
			.param("id", id)
			.param("error", error.length() > 300 ? error.substring(0, 300) : error)
			.param("retry", retryAt == null ? null : Timestamp.from(retryAt))
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Makes a report due now (pending again if it was given up: one more attempt, after
	 * which a report past its time is given up again); answers whether it exists.
	 */
	boolean retryNow(long id, Instant now) {
		return jdbc.sql("""
				update imaging_commitment_report
				set state = 'pending', next_attempt_at = :now
				where id = :id""").param("id", id).param("now", Timestamp.from(now)).update() > 0;
	}

	/** Every kept report, newest first, for the peers page; at most {@code limit}. */
	List<UndeliveredReport> all(int limit) {
		return jdbc.sql("""
				select id, ae_title, transaction_uid, committed_count, failed_count, state, attempts, created_at,
				       last_attempt_at, next_attempt_at, last_error
				from imaging_commitment_report order by id desc limit :limit""")
			.param("limit", limit)
			.query(CommitmentReportStore::undelivered)
			.list();
	}

	private static UndeliveredReport undelivered(ResultSet rs, int row) throws SQLException {
		Timestamp last = rs.getTimestamp("last_attempt_at");
		return new UndeliveredReport(rs.getLong("id"), rs.getString("ae_title"), rs.getString("transaction_uid"),
				rs.getInt("committed_count"), rs.getInt("failed_count"), rs.getString("state"), rs.getInt("attempts"),
				rs.getTimestamp("created_at").toInstant(), last == null ? null : last.toInstant(),
				rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_error"));
	}

}
