package continuum.changes;

import continuum.platform.SampledGauges;
import org.springframework.stereotype.Component;

/**
 * The change feed's head position as the gauge {@code continuum.changes.head}: what a
 * downtime node's position is compared with, and, over time, the rate of clinical
 * changes. Sampled, so a scrape never queries the feed.
 */
@Component
class ChangeFeedMetrics {

	ChangeFeedMetrics(SampledGauges gauges, ChangeFeed feed) {
		gauges.register("continuum.changes.head", "Position of the newest change in the change feed", feed::head);
	}

}
