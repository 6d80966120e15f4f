package continuum.scheduling;

import java.time.Instant;

import continuum.patients.PatientId;

/**
 * An appointment was replaced by a new one at {@code start}: one event for the pair, so
 * that a listener tells the patient once, in the words the {@code cause} calls for.
 */
public record AppointmentRescheduled(AppointmentId previous, AppointmentId replacement, PatientId patient,
		Instant start, RescheduleCause cause) {
}
