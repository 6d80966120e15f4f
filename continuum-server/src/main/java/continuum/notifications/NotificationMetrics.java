package continuum.notifications;

import continuum.platform.SampledGauges;
import org.springframework.stereotype.Component;

/**
 * The outbox's depth as the gauge {@code continuum.notifications.outbox.depth}: a queue
 * that grows while a gateway is down, and drains when it is back. Sampled, so a scrape
 * never queries the outbox.
 */
@Component
class NotificationMetrics {

	NotificationMetrics(SampledGauges gauges, NotificationService notifications) {
		gauges.register("continuum.notifications.outbox.depth",
				"Patient messages not yet delivered (pending, being sent, or failed and due again)",
				notifications::outboxDepth);
	}

}
