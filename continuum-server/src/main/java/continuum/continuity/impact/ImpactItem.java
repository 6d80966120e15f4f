package continuum.continuity.impact;

import java.time.Instant;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * One thing an outage hit: a booked appointment in its window, an arrival recorded only
 * after it, or a message it held back; {@code reference} names it
 * ({@code Appointment/12}, {@code Communication/7}), {@code at} is the appointment's
 * start or the message's queueing time, {@code detail} a status or kind, never patient
 * data.
 */
record ImpactItem(Kind kind, String reference, PatientId patient, Instant at, @Nullable String detail) {

	enum Kind {

		APPOINTMENT, LATE_ARRIVAL, MESSAGE

	}

}
