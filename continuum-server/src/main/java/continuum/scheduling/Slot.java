package continuum.scheduling;

import java.time.Duration;
import java.time.Instant;

/**
 * A period of one schedule in which one appointment of the given type can be booked;
 * {@code overbooked} when it holds an explicitly permitted booking beyond the first.
 */
public record Slot(SlotId id, ScheduleId schedule, AppointmentType type, Instant start, Instant end, SlotStatus status,
		boolean overbooked, int version, Instant lastUpdated) {

	public Duration length() {
		return Duration.between(start, end);
	}

}
