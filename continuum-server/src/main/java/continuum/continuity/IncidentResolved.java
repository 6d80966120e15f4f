package continuum.continuity;

import java.time.Instant;
import java.util.List;

/**
 * An outage is over: resolved by its probes coming back or by hand (published after the
 * resolving version is written, in its transaction). {@code components} are the component
 * codes it hit, {@code start} and {@code end} the window it lasted. A correction of an
 * incident already resolved publishes it again with the corrected window, so that a
 * listener recomputes what depends on it; listeners must be idempotent.
 */
public record IncidentResolved(long incidentId, int version, IncidentKind kind, List<String> components, Instant start,
		Instant end) {

	public IncidentResolved {
		components = List.copyOf(components);
	}

}
