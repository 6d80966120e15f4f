package continuum.scheduling.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

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

/**
 * The few rows a scheduling page test needs, made through the services as an internal
 * caller: a department of its own per test, schedules with one template line on a date in
 * 2029 or later (nobody else books those), and fresh patients.
 */
final class SchedulingWebFixtures {

	static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private final ScheduleService schedules;

	private final AvailabilityService availability;

	private final PatientService patients;

	SchedulingWebFixtures(ScheduleService schedules, AvailabilityService availability, PatientService patients) {
		this.schedules = schedules;
		this.availability = availability;
		this.patients = patients;
	}

	static String department() {
		return "WEB-" + COUNTER.incrementAndGet() + "-" + (System.nanoTime() % 1_000_000);
	}

	/**
	 * A Monday that no other test of this class uses: weeks 105 to 254 of
	 * {@link TestDates}.
	 */
	static LocalDate day() {
		return TestDates.monday(105 + COUNTER.incrementAndGet() % 150);
	}

	Schedule schedule(String name, String department, ActorKind kind, AppointmentType type, LocalDate date,
			LocalTime opens, LocalTime closes) {
		String id = "w" + COUNTER.incrementAndGet() + "-" + (System.nanoTime() % 1_000_000);
		Schedule schedule = schedules.create(new NewSchedule(name, kind, kind.fhirType() + "/" + id, department, null));
		schedules.setTemplate(schedule.id(), List.of(TemplateLine.of(date.getDayOfWeek(), opens, closes, type)), null);
		schedules.generate(schedule.id(), date, date.plusDays(1));
		return schedules.get(schedule.id());
	}

	/** A physician and a consultation room of a new department, open 09:00–10:00. */
	Pair consultation(LocalDate date) {
		String department = department();
		Schedule physician = schedule("Dr. Émile Claes", department, ActorKind.PRACTITIONER,
				AppointmentType.CONSULTATION, date, LocalTime.of(9, 0), LocalTime.of(10, 0));
		Schedule room = schedule("Room K-" + COUNTER.incrementAndGet(), department, ActorKind.LOCATION,
				AppointmentType.CONSULTATION, date, LocalTime.of(9, 0), LocalTime.of(10, 0));
		return new Pair(department, physician, room);
	}

	List<Slot> slots(Schedule schedule, LocalDate date) {
		return availability.search(
				new SlotQuery(Set.of(schedule.id()), null, null, Set.of(), start(date), start(date.plusDays(1)), null),
				1000, 0);
	}

	PatientId patient(String family, String given) {
		return patients
			.register(new PatientData(List.of(), family, List.of(given), null, LocalDate.of(1968, 3, 14), Gender.FEMALE,
					Address.NONE, null, null, "nl", false))
			.id();
	}

	static Instant start(LocalDate date) {
		return date.atStartOfDay(BRUSSELS).toInstant();
	}

	static Instant at(LocalDate date, int hour, int minute) {
		return ZonedDateTime.of(date, LocalTime.of(hour, minute), BRUSSELS).toInstant();
	}

	record Pair(String department, Schedule physician, Schedule room) {
	}

}
