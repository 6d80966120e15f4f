package continuum.lab;

import continuum.platform.JobLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Escalates critical-value alerts nobody acknowledged within
 * {@code continuum.lab.alert-escalate-after}, every {@code escalation-interval}; on one
 * node at a time, the holder of the {@value #JOB} lease.
 */
@Component
class AlertEscalationJob {

	private static final Logger log = LoggerFactory.getLogger(AlertEscalationJob.class);

	static final String JOB = "lab-alert-escalation";

	private final CriticalAlertService alerts;

	private final JobLeases leases;

	AlertEscalationJob(CriticalAlertService alerts, JobLeases leases) {
		this.alerts = alerts;
		this.leases = leases;
	}

	@Scheduled(initialDelayString = "${continuum.lab.escalation-initial-delay:1m}",
			fixedDelayString = "${continuum.lab.escalation-interval:1m}")
	void run() {
		leases.runIfHolder(JOB, () -> {
			int escalated = alerts.escalateDue();
			if (escalated > 0) {
				log.info("Critical-value alerts escalated: {}", escalated);
			}
		});
	}

}
