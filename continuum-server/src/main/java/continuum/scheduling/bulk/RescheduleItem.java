package continuum.scheduling.bulk;

import java.time.Instant;
import java.util.List;

import continuum.patients.PatientId;
import continuum.scheduling.AppointmentId;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.ScheduleId;
import continuum.scheduling.SlotId;
import org.jspecify.annotations.Nullable;

/**
 * One appointment of a bulk rescheduling: where it was, the slots proposed for it, its
 * state, the replacing appointment once rebooked, and a reason code for a state that
 * needs one ({@code dropped}, {@code no-free-slot}, {@code slot-taken},
 * {@code not-booked}, ...).
 */
public record RescheduleItem(long id, long batch, int position, AppointmentId appointment, PatientId patient,
		AppointmentType type, Instant oldStart, List<ScheduleId> oldSchedules, ItemState state,
		List<SlotId> proposedSlots, @Nullable Instant proposedStart, @Nullable AppointmentId newAppointment,
		@Nullable String reasonCode) {

	public RescheduleItem {
		oldSchedules = List.copyOf(oldSchedules);
		proposedSlots = List.copyOf(proposedSlots);
	}

}
