package continuum.scheduling;

import java.time.Instant;
import java.util.List;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A patient's appointment, current version: its type, status, time, the resources it
 * holds (one slot each), who booked it, why and by whom it was cancelled, and the
 * appointments it replaces and was replaced by (the rescheduling chain).
 */
public record Appointment(AppointmentId id, PatientId patient, AppointmentType type, AppointmentStatus status,
		Instant start, Instant end, boolean overbooked, @Nullable String comment, String bookedBy,
		@Nullable Cancellation cancellation, @Nullable AppointmentId replaces, @Nullable AppointmentId replacedBy,
		List<Participant> participants, Instant created, int version, Instant lastUpdated) {

	public Appointment {
		participants = List.copyOf(participants);
	}

	public List<SlotId> slots() {
		return participants.stream().map(Participant::slot).toList();
	}

	/** One resource the appointment holds, through one slot of its schedule. */
	public record Participant(SlotId slot, ScheduleId schedule, ActorKind kind, String actorReference,
			String actorName) {
	}

	/** Why, by whom (a staff username) and when an appointment was cancelled. */
	public record Cancellation(String reason, String by, Instant at) {
	}

}
