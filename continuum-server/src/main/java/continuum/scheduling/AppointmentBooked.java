package continuum.scheduling;

import java.time.Instant;

import continuum.patients.PatientId;

/** A patient was booked into an appointment starting at {@code start}. */
public record AppointmentBooked(AppointmentId appointment, PatientId patient, Instant start) {
}
