package continuum.scheduling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rolls the slot horizon forward: every {@code continuum.scheduling.generation-interval}
 * (and a minute after start) each active schedule gets its slots up to the horizon.
 */
@Component
class SlotHorizonJob {

	private static final Logger log = LoggerFactory.getLogger(SlotHorizonJob.class);

	private final ScheduleService schedules;

	SlotHorizonJob(ScheduleService schedules) {
		this.schedules = schedules;
	}

	@Scheduled(initialDelayString = "${continuum.scheduling.initial-generation-delay:1m}",
			fixedDelayString = "${continuum.scheduling.generation-interval:6h}")
	void extend() {
		int added = schedules.extendHorizon();
		if (added > 0) {
			log.info("Slot horizon extended: {} slots added", added);
		}
	}

}
