package continuum.scheduling;

import java.time.Instant;
import java.util.List;

/**
 * An exception to a schedule's template: a period in which the resource cannot be booked
 * (holiday, closure, device out of service). Free slots in it are blocked; the
 * appointments already booked in it are listed so that they can be rescheduled.
 */
public record Unavailability(long id, ScheduleId schedule, Instant start, Instant end, String reason, String createdBy,
		Instant createdAt, int blockedSlots, List<AppointmentId> affectedAppointments) {

	public Unavailability {
		affectedAppointments = List.copyOf(affectedAppointments);
	}

}
