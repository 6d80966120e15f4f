package continuum.scheduling.bulk;

import java.time.Instant;
import java.util.Map;

import continuum.scheduling.RescheduleCause;
import continuum.scheduling.ScheduleId;
import org.jspecify.annotations.Nullable;

/**
 * A bulk rescheduling with how many of its items are in each state; {@code cause} decides
 * the words of the patients' messages.
 */
public record RescheduleBatch(long id, RescheduleScope scope, @Nullable ScheduleId schedule,
		@Nullable String department, Instant from, Instant to, Instant notBefore, String reason, RescheduleCause cause,
		BatchStatus status, String createdBy, Instant createdAt, Map<ItemState, Integer> counts) {

	public RescheduleBatch {
		counts = Map.copyOf(counts);
	}

	public int count(ItemState state) {
		return counts.getOrDefault(state, 0);
	}

	public int total() {
		return counts.values().stream().mapToInt(Integer::intValue).sum();
	}

}
