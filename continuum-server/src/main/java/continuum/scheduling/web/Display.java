package continuum.scheduling.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import continuum.patients.PatientSummary;
import continuum.platform.InvalidInputException;
import continuum.scheduling.BookingOption;
import continuum.scheduling.SlotId;
import org.jspecify.annotations.Nullable;

/**
 * Times and names as the desks read them: Belgian local time ({@code 25/11/2026 14:05}),
 * and patients as {@code FAMILY, Given}. Given to templates as {@code ${show}}.
 */
public final class Display {

	/** The hospital's zone: worklists and the booking page count days in it. */
	static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	static final Display INSTANCE = new Display();

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZONE);

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE dd/MM/yyyy HH:mm", Locale.UK)
		.withZone(ZONE);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE dd/MM/yyyy", Locale.UK);

	private Display() {
	}

	public String time(@Nullable Instant instant) {
		return instant == null ? "" : TIME.format(instant);
	}

	/** A time of day in a schedule's own zone (the calendar shows each resource so). */
	public String time(Instant instant, ZoneId zone) {
		return TIME.withZone(zone).format(instant);
	}

	public String dateTime(@Nullable Instant instant) {
		return instant == null ? "" : DATE_TIME.format(instant);
	}

	/** The hospital's local date of an instant. */
	public LocalDate localDate(Instant instant) {
		return LocalDate.ofInstant(instant, ZONE);
	}

	public String day(LocalDate date) {
		return DAY.format(date);
	}

	public String patient(@Nullable PatientSummary patient) {
		if (patient == null) {
			return "(patient not shown)";
		}
		return patient.family().toUpperCase(Locale.ROOT) + ", " + patient.given();
	}

	/** The slot ids of a booking option, as the booking form sends them. */
	public String slots(BookingOption option) {
		return String.join(",", option.slotIds().stream().map(SlotId::asString).toList());
	}

	/** A date typed into an {@code <input type="date">}; blank means "not given". */
	static @Nullable LocalDate date(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("A date must look like 2026-11-25");
		}
	}

	static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

}
