package continuum.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox table. Claiming uses {@code FOR UPDATE SKIP LOCKED}, so that several
 * dispatchers (threads or server nodes) each take different rows; every outcome is fenced
 * by the attempt number it was claimed with, so a late answer can never overwrite a newer
 * claim.
 */
@Repository
class NotificationRepository {

	private final JdbcClient jdbc;

	NotificationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A message to insert; channel and recipient are absent for an undeliverable one. */
	record NewMessage(UUID key, long patientId, @Nullable DeliveryChannel channel, @Nullable String recipient,
			String language, NotificationKind kind, String reference, @Nullable String subject, @Nullable String body,
			DeliveryStatus status, @Nullable String lastError) {
	}

	long insert(NewMessage message, Instant now) {
		return jdbc.sql("""
				insert into notification_outbox (idempotency_key, patient_id, channel, recipient, language, kind,
				                                 reference, subject, body, status, next_attempt_at, last_error,
				                                 created_at, updated_at)
				values (:key, :patient, :channel, :recipient, :language, :kind, :reference, :subject, :body, :status,
				        :next, :error, :now, :now)
				returning id""")
			.param("key", message.key())
			.param("patient", message.patientId())
			.param("channel", message.channel() == null ? null : message.channel().code())
			.param("recipient", message.recipient())
			.param("language", message.language())
			.param("kind", message.kind().name())
			.param("reference", message.reference())
			.param("subject", message.subject())
			.param("body", message.body())
			.param("status", message.status().code())
			.param("next", message.status() == DeliveryStatus.PENDING ? timestamp(now) : null)
			.param("error", message.lastError())
			.param("now", timestamp(now))
			.query(Long.class)
			.single();
	}

	/**
	 * Takes up to {@code limit} due rows (pending, failed and due again, or sending with
	 * an expired lease), marks them sending until {@code leaseEnd} and counts the
	 * attempt. Commit before sending.
	 */
	List<OutboxMessage> claim(Instant now, Instant leaseEnd, int limit) {
		return jdbc.sql("""
				update notification_outbox o
				set status = 'sending', attempts = o.attempts + 1, next_attempt_at = :leaseEnd, updated_at = :now
				where o.id in (select id from notification_outbox
				               where status in ('pending', 'sending', 'failed') and next_attempt_at <= :now
				               order by next_attempt_at, id
				               limit :limit
				               for update skip locked)
				returning o.id, o.idempotency_key, o.patient_id, o.channel, o.recipient, o.subject, o.body, o.attempts,
				          o.next_attempt_at""")
			.param("now", timestamp(now))
			.param("leaseEnd", timestamp(leaseEnd))
			.param("limit", limit)
			.query((rs, n) -> new OutboxMessage(rs.getLong("id"), rs.getObject("idempotency_key", UUID.class),
					rs.getLong("patient_id"), DeliveryChannel.ofCode(rs.getString("channel")),
					rs.getString("recipient"), rs.getString("subject"), rs.getString("body"), rs.getInt("attempts"),
					rs.getTimestamp("next_attempt_at").toInstant()))
			.list()
			.stream()
			.sorted(Comparator.comparingLong(OutboxMessage::id))
			.toList();
	}

	/** Records a successful send; false if the row was claimed again meanwhile. */
	boolean markSent(OutboxMessage message, Instant now) {
		return jdbc.sql("""
				update notification_outbox
				set status = 'sent', sent_at = :now, next_attempt_at = null, last_error = null, updated_at = :now
				where id = :id and status = 'sending' and attempts = :attempts""")
			.param("now", timestamp(now))
			.param("id", message.id())
			.param("attempts", message.attempts())
			.update() == 1;
	}

	/**
	 * Records a failed attempt: retried at {@code retryAt}, or given up on (dead) when
	 * that is null.
	 */
	boolean markFailed(OutboxMessage message, String error, @Nullable Instant retryAt, Instant now) {
		return jdbc.sql("""
				update notification_outbox
				set status = :status, next_attempt_at = :next, last_error = :error, updated_at = :now
				where id = :id and status = 'sending' and attempts = :attempts""")
			.param("status", retryAt == null ? DeliveryStatus.DEAD.code() : DeliveryStatus.FAILED.code())
			.param("next", retryAt == null ? null : timestamp(retryAt))
			.param("error", error)
			.param("now", timestamp(now))
			.param("id", message.id())
			.param("attempts", message.attempts())
			.update() == 1;
	}

	/**
	 * Messages still to be delivered; the condition is that of the partial index
	 * {@code notification_outbox_due}, so the count reads the queue, not the table.
	 */
	long countUndelivered() {
		return jdbc.sql("select count(*) from notification_outbox where status in ('pending', 'sending', 'failed')")
			.query(Long.class)
			.single();
	}

	/** The messages of a patient, newest first. */
	List<NotificationMessage> forPatient(PatientId patient) {
		return jdbc
			.sql("""
					select id, idempotency_key, patient_id, kind, reference, channel, language, status, attempts, last_error,
					       created_at, next_attempt_at, sent_at
					from notification_outbox where patient_id = :patient order by id desc""")
			.param("patient", patient.value())
			.query((rs, n) -> view(rs))
			.list();
	}

	/**
	 * Messages queued in {@code [from, to)} that were not sent by {@code to}: sent later,
	 * still waiting, or given up; oldest first, at most {@code limit}.
	 */
	List<NotificationMessage> notSentBy(Instant from, Instant to, int limit) {
		return jdbc
			.sql("""
					select id, idempotency_key, patient_id, kind, reference, channel, language, status, attempts, last_error,
					       created_at, next_attempt_at, sent_at
					from notification_outbox
					where created_at >= :from and created_at < :to and (sent_at is null or sent_at >= :to)
					order by created_at, id
					limit :limit""")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("limit", limit)
			.query((rs, n) -> view(rs))
			.list();
	}

	/** Messages with the given ids, lowest id first. */
	List<NotificationMessage> byIds(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc
			.sql("""
					select id, idempotency_key, patient_id, kind, reference, channel, language, status, attempts, last_error,
					       created_at, next_attempt_at, sent_at
					from notification_outbox where id = any(:ids) order by id""")
			.param("ids", ids.toArray(Long[]::new))
			.query((rs, n) -> view(rs))
			.list();
	}

	private static NotificationMessage view(ResultSet rs) throws SQLException {
		String channel = rs.getString("channel");
		return new NotificationMessage(rs.getLong("id"), rs.getObject("idempotency_key", UUID.class),
				new PatientId(rs.getLong("patient_id")), NotificationKind.valueOf(rs.getString("kind")),
				rs.getString("reference"), channel == null ? null : DeliveryChannel.ofCode(channel),
				rs.getString("language"), DeliveryStatus.ofCode(rs.getString("status")), rs.getInt("attempts"),
				rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
				instant(rs.getTimestamp("next_attempt_at")), instant(rs.getTimestamp("sent_at")));
	}

	/**
	 * PostgreSQL keeps microseconds and rounds the rest: truncate first, so that a row
	 * due at an instant is due when the clock reads that instant.
	 */
	private static Timestamp timestamp(Instant instant) {
		return Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
