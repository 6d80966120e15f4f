package continuum.continuity.impact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the impact analysis reads incidents (outages and maintenance windows) from: the
 * incident book of this module.
 */
interface Outages {

	/** The incident's current version, as an outage. */
	Optional<Outage> find(long incidentId);

	/** Every incident whose window overlaps {@code [from, to)}. */
	List<Outage> overlapping(Instant from, Instant to);

}
