package continuum.adt.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Times as the wards read and type them: Belgian local time, {@code 25/11/2026 14:05}.
 */
public final class Times {

	static final Times INSTANCE = new Times();

	static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZONE);

	private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZONE);

	private Times() {
	}

	/** For templates: {@code ${times.show(instant)}}. */
	public String show(@Nullable Instant instant) {
		return instant == null ? "" : SHOWN.format(instant);
	}

	/** The value of an {@code <input type="datetime-local">}. */
	public String input(Instant instant) {
		return INPUT.format(instant);
	}

	/**
	 * Parses a {@code datetime-local} value in hospital time; blank means "not given".
	 */
	static @Nullable Instant parse(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(text.strip()).atZone(ZONE).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("The time must look like 2026-11-25T14:05");
		}
	}

}
