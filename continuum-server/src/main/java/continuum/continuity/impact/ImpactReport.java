package continuum.continuity.impact;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an incident hit, as computed at {@code computedAt}: its window (to the time of
 * computation while it lasts), the components, the counts and the items behind them (at
 * most {@link ImpactAnalysis#LISTED} of each kind are kept; the counts are exact).
 */
record ImpactReport(long incidentId, Instant windowStart, Instant windowEnd, List<String> components,
		Instant computedAt, String computedBy, int appointments, int lateArrivals, int messages,
		List<ImpactItem> items) {

	ImpactReport {
		components = List.copyOf(components);
		items = List.copyOf(items);
	}

	Duration duration() {
		return Duration.between(windowStart, windowEnd);
	}

	List<ImpactItem> items(ImpactItem.Kind kind) {
		return items.stream().filter(i -> i.kind() == kind).toList();
	}

}
