package continuum.scheduling;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reminders sent, {@code sched_appointment_reminder}: one row per appointment, whose
 * primary key refuses a second reminder.
 */
@Repository
class ReminderRepository {

	private final JdbcClient jdbc;

	ReminderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims, until the end of the caller's transaction, up to {@code limit} booked
	 * appointments starting in {@code (now, until]} without a reminder yet, in start
	 * order; rows another node has claimed are skipped, not waited for.
	 */
	List<Long> claimDue(Instant now, Instant until, int limit) {
		return jdbc.sql("""
				select a.id from sched_appointment a
				where a.status = 'BOOKED' and a.starts_at > :now and a.starts_at <= :until
				  and not exists (select 1 from sched_appointment_reminder r where r.appointment_id = a.id)
				order by a.starts_at, a.id
				limit :batch
				for update of a skip locked""")
			.param("now", Timestamp.from(now))
			.param("until", Timestamp.from(until))
			.param("batch", limit)
			.query(Long.class)
			.list();
	}

	/** Marks the appointment reminded; false if it already was. */
	boolean mark(long appointmentId, Instant at) {
		return jdbc.sql("""
				insert into sched_appointment_reminder (appointment_id, sent_at) values (:id, :now)
				on conflict (appointment_id) do nothing""")
			.param("id", appointmentId)
			.param("now", Timestamp.from(at))
			.update() == 1;
	}

	/** The reminder could not be queued; it is not tried again. */
	void markFailed(long appointmentId) {
		jdbc.sql("update sched_appointment_reminder set outcome = 'FAILED' where appointment_id = :id")
			.param("id", appointmentId)
			.update();
	}

}
