package continuum.scheduling;

import java.time.Instant;

import continuum.patients.PatientId;

/**
 * An appointment whose patient came, but whose arrival was recorded only at
 * {@code recordedAt}, long after the start: during an outage nobody could check the
 * patient in, and staff entered it afterwards.
 */
public record LateArrival(AppointmentId appointment, PatientId patient, Instant start, Instant recordedAt) {
}
