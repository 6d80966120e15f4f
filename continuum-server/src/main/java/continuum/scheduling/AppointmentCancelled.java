package continuum.scheduling;

import java.time.Instant;

import continuum.patients.PatientId;

/**
 * An appointment (that was to start at {@code start}) was cancelled; not published when
 * the cancellation is part of a rescheduling (see {@link AppointmentRescheduled}).
 */
public record AppointmentCancelled(AppointmentId appointment, PatientId patient, Instant start) {
}
