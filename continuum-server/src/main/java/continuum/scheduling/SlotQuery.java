package continuum.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import continuum.fhir.SearchControls;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Criteria of a slot search; each one set must match. Slots start in {@code [from, to)};
 * {@code earliest} is the patient's earliest possible date (in the schedule zone), which
 * moves {@code from} later when it is later. An empty {@code schedules} set means any
 * schedule (of the department, when one is given). {@code controls} carry the parameters
 * every FHIR type has ({@code _id}, {@code _lastUpdated}, {@code _sort}).
 */
public record SlotQuery(Set<ScheduleId> schedules, @Nullable String department, @Nullable AppointmentType type,
		Set<SlotStatus> statuses, Instant from, Instant to, @Nullable LocalDate earliest, SearchControls controls) {

	public SlotQuery(Set<ScheduleId> schedules, @Nullable String department, @Nullable AppointmentType type,
			Set<SlotStatus> statuses, Instant from, Instant to, @Nullable LocalDate earliest) {
		this(schedules, department, type, statuses, from, to, earliest, SearchControls.NONE);
	}

	public SlotQuery {
		schedules = Set.copyOf(schedules);
		statuses = Set.copyOf(statuses);
		if (from == null || to == null || !to.isAfter(from)) {
			throw new InvalidInputException("A slot search needs a date range whose end lies after its start");
		}
	}

	/** Free slots in {@code [from, to)}, of any schedule and type. */
	public static SlotQuery free(Instant from, Instant to) {
		return new SlotQuery(Set.of(), null, null, Set.of(SlotStatus.FREE), from, to, null);
	}

	public SlotQuery withSchedules(Set<ScheduleId> ids) {
		return new SlotQuery(ids, department, type, statuses, from, to, earliest, controls);
	}

	public SlotQuery withDepartment(@Nullable String value) {
		return new SlotQuery(schedules, value, type, statuses, from, to, earliest, controls);
	}

	public SlotQuery withType(@Nullable AppointmentType value) {
		return new SlotQuery(schedules, department, value, statuses, from, to, earliest, controls);
	}

	public SlotQuery withControls(SearchControls value) {
		return new SlotQuery(schedules, department, type, statuses, from, to, earliest, value);
	}

	public SlotQuery withEarliest(@Nullable LocalDate value) {
		return new SlotQuery(schedules, department, type, statuses, from, to, value, controls);
	}

}
