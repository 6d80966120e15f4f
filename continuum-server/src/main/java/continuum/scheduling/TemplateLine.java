package continuum.scheduling;

import java.time.DayOfWeek;
import java.time.LocalTime;

import continuum.platform.InvalidInputException;

/**
 * One line of a weekly template: on this weekday, from {@code opens} to {@code closes}
 * (local wall-clock time of the schedule's zone), slots of {@code slotMinutes} for one
 * appointment type.
 */
public record TemplateLine(DayOfWeek weekday, LocalTime opens, LocalTime closes, AppointmentType type,
		int slotMinutes) {

	public TemplateLine {
		if (weekday == null || opens == null || closes == null || type == null) {
			throw new InvalidInputException("A template line needs a weekday, opening hours and an appointment type");
		}
		if (!closes.isAfter(opens)) {
			throw new InvalidInputException(
					"A template line closes after it opens (" + weekday + " " + opens + "-" + closes + ")");
		}
		if (slotMinutes < 5 || slotMinutes > 480) {
			throw new InvalidInputException("Slots last 5 to 480 minutes, not " + slotMinutes);
		}
	}

	/** A line with the appointment type's usual slot length. */
	public static TemplateLine of(DayOfWeek weekday, LocalTime opens, LocalTime closes, AppointmentType type) {
		return new TemplateLine(weekday, opens, closes, type, type.minutes());
	}

	boolean overlaps(TemplateLine other) {
		return weekday == other.weekday && opens.isBefore(other.closes) && other.opens.isBefore(closes);
	}

}
