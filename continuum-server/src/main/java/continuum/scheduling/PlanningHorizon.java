package continuum.scheduling;

import java.time.Instant;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The period a schedule's slots are meant to cover, as its keeper states it (FHIR
 * {@code Schedule.planningHorizon}); either end may be open.
 */
public record PlanningHorizon(@Nullable Instant start, @Nullable Instant end) {

	/** No horizon stated. */
	public static final PlanningHorizon NONE = new PlanningHorizon(null, null);

	public PlanningHorizon {
		if (start != null && end != null && end.isBefore(start)) {
			throw new InvalidInputException("The planning horizon ends before it starts");
		}
	}

	public boolean isEmpty() {
		return start == null && end == null;
	}

}
