package continuum.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import continuum.notifications.NotificationKind;
import continuum.notifications.NotificationService;
import continuum.platform.JobLeases;
import continuum.platform.SafeLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each booked appointment's reminder once, {@code reminderLead()} before it starts
 * ({@code continuum.notifications.reminder-lead}), every
 * {@code continuum.scheduling.reminder-interval}. A batch of due appointments is claimed
 * with {@code FOR UPDATE SKIP LOCKED} and marked in {@code sched_appointment_reminder} in
 * the same transaction as the outbox rows, so a reminder is queued exactly once even with
 * several nodes running the job: a node that skipped the locked rows finds them marked,
 * and the table's primary key refuses a second mark should two claims ever overlap. A
 * reminder that cannot be queued (the patient is gone) is marked {@code FAILED} and not
 * retried, so that one bad row never holds back the others. The job itself runs on one
 * server node at a time, the holder of the {@value #JOB} lease ({@link JobLeases}), so
 * that one node does the round; the claims keep it exact should a node that lost its
 * lease still be finishing a round.
 */
@Component
class ReminderJob {

	private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);

	static final int BATCH = 200;

	static final String JOB = "appointment-reminders";

	private final ReminderRepository reminders;

	private final TransactionTemplate transactions;

	private final TransactionTemplate savepoints;

	private final AppointmentNotifications messages;

	private final NotificationService notifications;

	private final Clock clock;

	private final JobLeases leases;

	ReminderJob(ReminderRepository reminders, PlatformTransactionManager transactionManager,
			AppointmentNotifications messages, NotificationService notifications, Clock clock, JobLeases leases) {
		this.reminders = reminders;
		this.transactions = new TransactionTemplate(transactionManager);
		this.savepoints = new TransactionTemplate(transactionManager);
		this.savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.messages = messages;
		this.notifications = notifications;
		this.clock = clock;
		this.leases = leases;
	}

	@Scheduled(initialDelayString = "${continuum.scheduling.reminder-initial-delay:1m}",
			fixedDelayString = "${continuum.scheduling.reminder-interval:5m}")
	void run() {
		leases.runIfHolder(JOB, this::runNow);
	}

	private void runNow() {
		int sent = remind(clock.instant());
		if (sent > 0) {
			log.info("Appointment reminders queued: {}", sent);
		}
	}

	/**
	 * Queues the reminders due at {@code now}: booked appointments starting in
	 * {@code (now, now + lead]} without a reminder yet. Answers how many were queued.
	 */
	int remind(Instant now) {
		Instant until = now.plus(notifications.reminderLead());
		int queued = 0;
		while (true) {
			int[] counts = transactions.execute(status -> remindBatch(now, until));
			queued += counts[1];
			if (counts[0] < BATCH) {
				return queued;
			}
		}
	}

	/** One transaction: answers {claimed, queued}. */
	private int[] remindBatch(Instant now, Instant until) {
		List<Long> due = reminders.claimDue(now, until, BATCH);
		int queued = 0;
		for (long id : due) {
			boolean marked = reminders.mark(id, clock.instant());
			if (marked && queue(new AppointmentId(id))) {
				queued++;
			}
		}
		return new int[] { due.size(), queued };
	}

	private boolean queue(AppointmentId id) {
		try {
			savepoints.executeWithoutResult(status -> notifications
				.notify(messages.notification(id, NotificationKind.APPOINTMENT_REMINDER, null, null)));
			return true;
		}
		catch (RuntimeException ex) {
			log.warn("Reminder of appointment {} could not be queued: {}", id.asString(), SafeLogging.describe(ex));
			reminders.markFailed(id.value());
			return false;
		}
	}

}
