package continuum.continuity.impact;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The part of an incident the impact analysis reads: its id, the components it hit (their
 * codes) and its window, {@code end} null while it lasts.
 */
record Outage(long incidentId, List<String> components, Instant start, @Nullable Instant end) {

	Outage {
		components = List.copyOf(components);
	}

}
