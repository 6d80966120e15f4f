package continuum.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import continuum.platform.ConflictException;
import continuum.platform.JobLeases;
import continuum.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks as no-show the booked appointments that ended more than
 * {@code continuum.scheduling.no-show-after} ago (default 6 h) without the patient's
 * arrival being recorded, looking back {@code no-show-look-back} (default 3 days), every
 * {@code no-show-interval}. An appointment that overlaps an outage
 * ({@link OutageWindows}) is left booked: nobody could record the arrival then, and the
 * impact analysis hands it to rescheduling instead. Each mark goes through
 * {@link AppointmentService#noShow}, so it is audited (as the server) and in the change
 * feed; one that fails (changed meanwhile) is left for staff. Runs on one server node at
 * a time, the holder of the {@value #JOB} lease ({@link JobLeases}); a mark is a
 * versioned change, so a second node marking the same appointment would only get a
 * conflict.
 */
@Component
class NoShowJob {

	private static final Logger log = LoggerFactory.getLogger(NoShowJob.class);

	static final int BATCH = 200;

	static final String JOB = "no-show";

	private final AppointmentRepository appointments;

	private final AppointmentService service;

	private final ObjectProvider<OutageWindows> outages;

	private final CurrentUser currentUser;

	private final SchedulingSettings settings;

	private final Clock clock;

	private final JobLeases leases;

	NoShowJob(AppointmentRepository appointments, AppointmentService service, ObjectProvider<OutageWindows> outages,
			CurrentUser currentUser, SchedulingSettings settings, Clock clock, JobLeases leases) {
		this.appointments = appointments;
		this.service = service;
		this.outages = outages;
		this.currentUser = currentUser;
		this.settings = settings;
		this.clock = clock;
		this.leases = leases;
	}

	@Scheduled(initialDelayString = "${continuum.scheduling.no-show-initial-delay:10m}",
			fixedDelayString = "${continuum.scheduling.no-show-interval:15m}")
	void run() {
		leases.runIfHolder(JOB, this::runNow);
	}

	private void runNow() {
		Result result = markAt(clock.instant());
		if (result.marked() > 0 || result.spared() > 0) {
			log.info("No-shows marked: {}; booked appointments left alone because they overlap an outage: {}",
					result.marked(), result.spared());
		}
	}

	/** What one round did: appointments marked, and those left because of an outage. */
	record Result(int marked, int spared) {
	}

	/**
	 * Marks the booked appointments that ended in
	 * {@code [now - noShowAfter - lookBack, now - noShowAfter)}, except those that
	 * overlap an outage.
	 */
	Result markAt(Instant now) {
		Instant endedBefore = now.minus(settings.noShowAfter());
		Instant endedFrom = endedBefore.minus(settings.noShowLookBack());
		List<OutageWindows.Window> windows = outageWindows(endedFrom.minus(Duration.ofDays(1)), endedBefore);
		int marked = 0;
		int spared = 0;
		AppointmentRepository.Overdue after = null;
		while (true) {
			List<AppointmentRepository.Overdue> batch = appointments.overdueBooked(endedFrom, endedBefore, after,
					BATCH);
			for (AppointmentRepository.Overdue overdue : batch) {
				if (windows.stream().anyMatch(w -> w.overlaps(overdue.start(), overdue.end()))) {
					spared++;
				}
				else if (mark(overdue.id())) {
					marked++;
				}
			}
			if (batch.size() < BATCH) {
				return new Result(marked, spared);
			}
			after = batch.get(batch.size() - 1);
		}
	}

	private List<OutageWindows.Window> outageWindows(Instant from, Instant to) {
		OutageWindows source = outages.getIfAvailable();
		return source == null ? List.of() : source.overlapping(from, to);
	}

	private boolean mark(AppointmentId id) {
		try {
			currentUser.asServer(() -> service.noShow(id, null));
			return true;
		}
		catch (ConflictException ex) {
			log.info("Appointment {} changed while being marked a no-show; left as it is", id);
			return false;
		}
	}

}
