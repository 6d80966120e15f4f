package continuum.scheduling.bulk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import continuum.TestDates;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.scheduling.ActorKind;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.NewSchedule;
import continuum.scheduling.Schedule;
import continuum.scheduling.ScheduleService;
import continuum.scheduling.Slot;
import continuum.scheduling.SlotQuery;
import continuum.scheduling.TemplateLine;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The few rows a bulk rescheduling test needs: schedules of a department of its own, open
 * on chosen dates in 2028 (no other test books them), and fresh patients.
 */
class BulkFixtures {

	static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private final ScheduleService schedules;

	private final AvailabilityService availability;

	private final PatientService patients;

	BulkFixtures(ScheduleService schedules, AvailabilityService availability, PatientService patients) {
		this.schedules = schedules;
		this.availability = availability;
		this.patients = patients;
	}

	static String department() {
		return "BULK-" + COUNTER.incrementAndGet() + "-" + (System.nanoTime() % 1_000_000);
	}

	/** A Monday for one test: weeks 70 to 104 of {@link TestDates}. */
	static LocalDate monday(int week) {
		return TestDates.monday(70 + week);
	}

	/** One opening per date (distinct weekdays), slots generated for those dates. */
	Schedule schedule(String department, ActorKind kind, AppointmentType type, int minutes, Opening... openings) {
		int n = COUNTER.incrementAndGet();
		String ref = "b" + n + "-" + (System.nanoTime() % 1_000_000);
		Schedule schedule = schedules.create(new NewSchedule(kind.name().toLowerCase() + " " + n, kind,
				kind.fhirType() + "/" + ref, department, null));
		schedules.setTemplate(schedule.id(),
				List.of(openings)
					.stream()
					.map(o -> new TemplateLine(o.date().getDayOfWeek(), o.opens(), o.closes(), type, minutes))
					.toList(),
				null);
		for (Opening opening : openings) {
			schedules.generate(schedule.id(), opening.date(), opening.date().plusDays(1));
		}
		return schedules.get(schedule.id());
	}

	List<Slot> slots(Schedule schedule, LocalDate date) {
		return availability.search(
				new SlotQuery(Set.of(schedule.id()), null, null, Set.of(), start(date), start(date.plusDays(1)), null),
				1000, 0);
	}

	PatientId patient() {
		return patients
			.register(new PatientData(List.of(), "Janssens", List.of("Wout"), null, LocalDate.of(1967, 11, 21),
					Gender.MALE, Address.NONE, null, "wout.janssens@example.org", "nl", false))
			.id();
	}

	record Opening(LocalDate date, LocalTime opens, LocalTime closes) {
	}

	static Opening open(LocalDate date, int fromHour, int fromMinute, int toHour, int toMinute) {
		return new Opening(date, LocalTime.of(fromHour, fromMinute), LocalTime.of(toHour, toMinute));
	}

	static Instant start(LocalDate date) {
		return date.atStartOfDay(BRUSSELS).toInstant();
	}

	static Instant at(LocalDate date, int hour, int minute) {
		return ZonedDateTime.of(date, LocalTime.of(hour, minute), BRUSSELS).toInstant();
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
