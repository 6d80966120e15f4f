package continuum.scheduling;

import continuum.platform.JobLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rolls the slot horizon forward: every {@code continuum.scheduling.generation-interval}
 * (and a minute after start) each active schedule gets its slots up to the horizon. Runs
 * on one server node at a time, the holder of the {@value #JOB} lease
 * ({@link JobLeases}): every node would add the same slots (the generator skips slots
 * that exist), so more would only repeat the work.
 */
@Component
class SlotHorizonJob {

	private static final Logger log = LoggerFactory.getLogger(SlotHorizonJob.class);

	static final String JOB = "slot-horizon";

	private final ScheduleService schedules;

	private final JobLeases leases;

	SlotHorizonJob(ScheduleService schedules, JobLeases leases) {
		this.schedules = schedules;
		this.leases = leases;
	}

	@Scheduled(initialDelayString = "${continuum.scheduling.initial-generation-delay:1m}",
			fixedDelayString = "${continuum.scheduling.generation-interval:6h}")
	void extend() {
		leases.runIfHolder(JOB, this::extendNow);
	}

	private void extendNow() {
		int added = schedules.extendHorizon();
		if (added > 0) {
			log.info("Slot horizon extended: {} slots added", added);
		}
	}

}
