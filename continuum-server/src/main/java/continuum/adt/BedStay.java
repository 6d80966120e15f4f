package continuum.adt;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One entry of an encounter's location history: the bed and from when to when (open while
 * current).
 */
public record BedStay(BedLocation bed, Instant from, @Nullable Instant to) {

	public boolean current() {
		return to == null;
	}

}
