package continuum.imaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.patients.PatientId;
import continuum.platform.ConflictException;
import continuum.scheduling.Appointment;
import continuum.scheduling.AppointmentId;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentStatus;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.BookingOption;
import continuum.scheduling.BookingRequest;
import continuum.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Books a step on its modality's schedule in the scheduling module, through its public
 * services, inside the caller's transaction: CT, MR and US have schedules (appointment
 * types CT, MRI, ultrasound, in the department of {@code continuum.imaging.department});
 * other modalities (radiography, mammography) are walk-in rooms and are not booked. The
 * order was checked against the orderer's role; the booking itself is the RIS's work and
 * runs as the server (the audit log names the actor {@code system}), since a physician
 * who orders imaging may not book appointments of their own accord.
 */
@Component
class ModalityBooking {

	private static final Map<String, AppointmentType> TYPES = Map.of("CT", AppointmentType.CT, "MR",
			AppointmentType.MRI, "US", AppointmentType.ULTRASOUND);

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final AvailabilityService availability;

	private final AppointmentService appointments;

	private final CurrentUser currentUser;

	private final ImagingSettings settings;

	private final Clock clock;

	ModalityBooking(AvailabilityService availability, AppointmentService appointments, CurrentUser currentUser,
			ImagingSettings settings, Clock clock) {
		this.availability = availability;
		this.appointments = appointments;
		this.currentUser = currentUser;
		this.settings = settings;
		this.clock = clock;
	}

	/** A booked appointment, its start and its id. */
	record Booking(long appointment, Instant start) {
	}

	/** Whether steps of this modality are booked on a schedule. */
	static boolean booked(String modality) {
		return TYPES.containsKey(modality);
	}

	/**
	 * Books one appointment for the step: at {@code start} exactly, or the first free
	 * time from now on when {@code start} is null. Empty when the modality has no
	 * schedule (the step keeps the time asked for); a time with no free slot is a
	 * {@link ConflictException} naming the next free times.
	 */
	Optional<Booking> book(PatientId patient, String modality, @Nullable Instant start, String comment) {
		AppointmentType type = TYPES.get(modality);
		if (type == null) {
			return Optional.empty();
		}
		return Optional.of(currentUser.asServer(() -> {
			Instant from = start != null ? start : clock.instant().plus(Duration.ofMinutes(5));
			Instant to = start != null ? start.plusSeconds(1) : from.plus(Duration.ofDays(60));
			List<BookingOption> options = availability.options(type, settings.department(), from, to, 1);
			if (options.isEmpty() || (start != null && !options.get(0).start().equals(start))) {
				throw new ConflictException(noFreeSlot(type, start));
			}
			BookingOption option = options.get(0);
			Appointment booked = appointments.book(new BookingRequest(patient, option.slotIds(), comment, false));
			return new Booking(booked.id().value(), booked.start());
		}));
	}

	/**
	 * Moves the step's booked appointment to {@code start} exactly (scheduling's
	 * reschedule: the old appointment is cancelled and points to the new one); a time
	 * with no free slot is a {@link ConflictException} naming the next free times, and
	 * leaves the booking as it was.
	 */
	Booking reschedule(long appointment, String modality, Instant start, String reason) {
		AppointmentType type = TYPES.get(modality);
		if (type == null) {
			throw new IllegalStateException("Steps of modality " + modality + " are not booked");
		}
		return currentUser.asServer(() -> {
			List<BookingOption> options = availability.options(type, settings.department(), start, start.plusSeconds(1),
					1);
			if (options.isEmpty() || !options.get(0).start().equals(start)) {
				throw new ConflictException(noFreeSlot(type, start));
			}
			Appointment moved = appointments.reschedule(new AppointmentId(appointment), options.get(0).slotIds(),
					reason.length() > 200 ? reason.substring(0, 200) : reason);
			return new Booking(moved.id().value(), moved.start());
		});
	}

	/**
	 * Cancels the step's appointment if it is still booked (or the patient has arrived).
	 */
	void cancel(long appointment, String reason) {
		currentUser.asServer(() -> {
			AppointmentId id = new AppointmentId(appointment);
			Appointment current = appointments.get(id);
			if (current.status() == AppointmentStatus.BOOKED || current.status() == AppointmentStatus.ARRIVED) {
				appointments.cancel(id, reason.length() > 200 ? reason.substring(0, 200) : reason, null);
			}
			return null;
		});
	}

	private String noFreeSlot(AppointmentType type, @Nullable Instant start) {
		Instant now = clock.instant();
		Instant from = start == null || start.isBefore(now) ? now : start.truncatedTo(ChronoUnit.DAYS);
		String next = availability.options(type, settings.department(), from, from.plus(Duration.ofDays(14)), 3)
			.stream()
			.map(o -> WHEN.format(ZonedDateTime.ofInstant(o.start(), ImagingSettings.ZONE)))
			.reduce((a, b) -> a + ", " + b)
			.orElse("none in the next 14 days");
		String when = start == null ? "in the next 60 days"
				: "at " + WHEN.format(ZonedDateTime.ofInstant(start, ImagingSettings.ZONE));
		return "The " + settings.department() + " " + type.display() + " schedule has no free slot " + when
				+ "; free times: " + next;
	}

}
