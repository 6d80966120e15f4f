package continuum.continuity.incidents.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import continuum.continuity.Impact;
import continuum.continuity.IncidentStatus;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The incident forms' fields read once: an impact, a status, a whole number, a local date
 * and time of the hospital; anything else is an {@link InvalidInputException} that names
 * the field.
 */
final class FormValues {

	private FormValues() {
	}

	static Impact impact(String value) {
		try {
			return Impact.of(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("Choose an impact: minor, major or critical");
		}
	}

	static IncidentStatus status(String value) {
		try {
			return IncidentStatus.of(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("Choose a status");
		}
	}

	static int number(String value, String field) {
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("The " + field + " is not a whole number");
		}
	}

	static Instant time(@Nullable String value, String field) {
		if (blank(value)) {
			throw new InvalidInputException("The " + field + " is missing");
		}
		try {
			return LocalDateTime.parse(value.strip()).atZone(IncidentController.ZONE).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("The " + field + " is not a date and time (yyyy-mm-ddThh:mm)");
		}
	}

	static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
