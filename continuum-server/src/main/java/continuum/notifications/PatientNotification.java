package continuum.notifications;

import java.time.Instant;
import java.time.ZoneId;

import continuum.patients.PatientId;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A message to send to a patient about something of the caller's, such as
 * {@code Appointment/123}: the kind, and the facts the texts quote. {@code zone} is the
 * zone the times are shown in (default: the configured zone, Europe/Brussels);
 * {@code previousStart} is required for a reschedule; {@code reason} is quoted in a
 * cancellation. Self-validating; a broken rule is an {@link InvalidInputException} naming
 * the field, never its value.
 */
public record PatientNotification(PatientId patient, NotificationKind kind, String reference, Instant start,
		@Nullable ZoneId zone, @Nullable String place, @Nullable String department, @Nullable Instant previousStart,
		@Nullable String reason) {

	public PatientNotification {
		if (patient == null || kind == null || start == null) {
			throw new InvalidInputException("A notification needs a patient, a kind and a start time");
		}
		if (reference == null || reference.isBlank() || reference.length() > 100) {
			throw new InvalidInputException("A notification needs a reference of at most 100 characters");
		}
		if (kind.movesAppointment() && previousStart == null) {
			throw new InvalidInputException("A reschedule notification needs the previous start time");
		}
		place = trimmed(place, "place");
		department = trimmed(department, "department");
		reason = trimmed(reason, "reason");
	}

	/** A notification with the usual facts of an appointment and no extras. */
	public static PatientNotification of(PatientId patient, NotificationKind kind, String reference, Instant start,
			@Nullable String place, @Nullable String department) {
		return new PatientNotification(patient, kind, reference, start, null, place, department, null, null);
	}

	private static @Nullable String trimmed(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.length() > 300) {
			throw new InvalidInputException("The notification " + field + " is longer than 300 characters");
		}
		return value.strip();
	}

}
