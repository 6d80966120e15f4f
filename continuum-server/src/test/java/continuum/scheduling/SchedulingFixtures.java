package continuum.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import continuum.TestDates;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Builds the few rows a scheduling test needs: schedules of its own (a department per
 * test), templates on {@link TestDates} so that nothing else books them, and fresh
 * patients.
 */
class SchedulingFixtures {

	static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

	private static final AtomicInteger COUNTER = new AtomicInteger();

	final ScheduleService schedules;

	final AvailabilityService availability;

	final PatientService patients;

	SchedulingFixtures(ScheduleService schedules, AvailabilityService availability, PatientService patients) {
		this.schedules = schedules;
		this.availability = availability;
		this.patients = patients;
	}

	/** A department name no other test uses. */
	static String department() {
		return "TEST-" + COUNTER.incrementAndGet() + "-" + (System.nanoTime() % 1_000_000);
	}

	/**
	 * A schedule whose template has one line on the weekday of {@code date}, with slots
	 * generated for that date.
	 */
	Schedule schedule(String department, ActorKind kind, AppointmentType type, LocalDate date, LocalTime opens,
			LocalTime closes, int minutes) {
		int n = COUNTER.incrementAndGet();
		String id = "t" + n + "-" + (System.nanoTime() % 1_000_000);
		Schedule schedule = schedules.create(new NewSchedule(kind.name().toLowerCase() + " " + n, kind,
				kind.fhirType() + "/" + id, department, null));
		schedules.setTemplate(schedule.id(),
				List.of(new TemplateLine(date.getDayOfWeek(), opens, closes, type, minutes)), null);
		schedules.generate(schedule.id(), date, date.plusDays(1));
		return schedules.get(schedule.id());
	}

	List<Slot> slots(ScheduleId schedule, LocalDate date) {
		return availability.search(new SlotQuery(java.util.Set.of(schedule), null, null, java.util.Set.of(),
				start(date), start(date.plusDays(1)), null), 1000, 0);
	}

	PatientId patient() {
		return patients
			.register(new PatientData(List.of(), "Vermeersch", List.of("Lotte"), null, LocalDate.of(1979, 6, 2),
					Gender.FEMALE, Address.NONE, null, null, "nl", false))
			.id();
	}

	static Instant start(LocalDate date) {
		return date.atStartOfDay(BRUSSELS).toInstant();
	}

	static Instant at(LocalDate date, int hour, int minute) {
		return ZonedDateTime.of(date, LocalTime.of(hour, minute), BRUSSELS).toInstant();
	}

	/**
	 * A Monday no other test class uses, per caller-chosen week offset (weeks 0 to 69 of
	 * {@link TestDates}).
	 */
	static LocalDate monday(int week) {
		return TestDates.monday(week);
	}

	/** Runs as a signed-in member of staff in the given role. */
	static <T> T as(String role, Supplier<T> action) {
		var previous = SecurityContextHolder.getContext().getAuthentication();
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(role.toLowerCase(), null,
					List.of(new SimpleGrantedAuthority("ROLE_" + role))));
		try {
			return action.get();
		}
		finally {
			SecurityContextHolder.getContext().setAuthentication(previous);
		}
	}

}
