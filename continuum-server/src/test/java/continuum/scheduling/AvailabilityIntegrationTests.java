package continuum.scheduling;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import continuum.TestDates;
import continuum.ContinuumIntegrationTest;
import continuum.patients.PatientService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Free-slot search by resource, department, appointment type, date range and the
 * patient's earliest date; booking options for two-resource appointments; templates and
 * exceptions through the service.
 */
@ContinuumIntegrationTest
class AvailabilityIntegrationTests {

	@Autowired
	ScheduleService schedules;

	@Autowired
	AvailabilityService availability;

	@Autowired
	AppointmentService appointments;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	SchedulingFixtures fixtures;

	LocalDate day = SchedulingFixtures.monday(40);

	String department;

	Schedule radiographer;

	Schedule ct;

	Schedule mri;

	@BeforeEach
	void setUp() {
		fixtures = new SchedulingFixtures(schedules, availability, patients);
		department = SchedulingFixtures.department();
		radiographer = fixtures.schedule(department, ActorKind.PRACTITIONER, AppointmentType.CT, day,
				LocalTime.of(8, 0), LocalTime.of(10, 0), 20);
		ct = fixtures.schedule(department, ActorKind.DEVICE, AppointmentType.CT, day, LocalTime.of(8, 0),
				LocalTime.of(12, 0), 20);
		mri = fixtures.schedule(department, ActorKind.DEVICE, AppointmentType.MRI, day, LocalTime.of(8, 0),
				LocalTime.of(12, 0), 30);
	}

	SlotQuery dayQuery() {
		return SlotQuery.free(SchedulingFixtures.start(day), SchedulingFixtures.start(day.plusDays(1)));
	}

	@Test
	void findsFreeSlotsByResourceDepartmentTypeAndRange() {
		assertThat(availability.findFree(dayQuery().withSchedules(Set.of(ct.id())), 100)).hasSize(12);
		assertThat(availability.findFree(dayQuery().withDepartment(department), 100)).hasSize(6 + 12 + 8);
		assertThat(availability.findFree(dayQuery().withDepartment(department).withType(AppointmentType.MRI), 100))
			.hasSize(8)
			.allMatch(s -> s.schedule().equals(mri.id()));
		List<Slot> late = availability
			.findFree(SlotQuery.free(SchedulingFixtures.at(day, 11, 0), SchedulingFixtures.at(day, 12, 0))
				.withDepartment(department), 100);
		assertThat(late).hasSize(3 + 2).isSortedAccordingTo(java.util.Comparator.comparing(Slot::start));
		assertThat(availability.count(dayQuery().withDepartment(department))).isEqualTo(26);
	}

	@Test
	void thePatientsEarliestDateMovesTheSearchOn() {
		SlotQuery query = SlotQuery
			.free(SchedulingFixtures.start(day.minusDays(3)), SchedulingFixtures.start(day.plusDays(1)))
			.withSchedules(Set.of(ct.id()));
		assertThat(availability.findFree(query.withEarliest(day), 100)).hasSize(12);
		assertThat(availability.findFree(query.withEarliest(day.plusDays(1)), 100)).isEmpty();
	}

	@Test
	void bookedAndBlockedSlotsAreNotFree() {
		List<Slot> ctSlots = fixtures.slots(ct.id(), day);
		appointments.book(BookingRequest.of(fixtures.patient(), ctSlots.get(0).id(),
				fixtures.slots(radiographer.id(), day).get(0).id()));
		availability.setBlocked(ctSlots.get(1).id(), true, null);

		assertThat(availability.findFree(dayQuery().withSchedules(Set.of(ct.id())), 100)).hasSize(10)
			.noneMatch(s -> s.id().equals(ctSlots.get(0).id()) || s.id().equals(ctSlots.get(1).id()));
	}

	@Test
	void offersTimesWhenBothResourcesOfACtAreFree() {
		List<BookingOption> options = availability.options(AppointmentType.CT, department,
				SchedulingFixtures.start(day), SchedulingFixtures.start(day.plusDays(1)), 50);

		assertThat(options).hasSize(6);
		assertThat(options.get(0).start()).isEqualTo(SchedulingFixtures.at(day, 8, 0));
		Appointment booked = appointments
			.book(new BookingRequest(fixtures.patient(), options.get(0).slotIds(), null, false));
		assertThat(booked.participants()).hasSize(2);
		assertThat(availability.options(AppointmentType.CT, department, SchedulingFixtures.start(day),
				SchedulingFixtures.start(day.plusDays(1)), 50))
			.hasSize(5);
	}

	@Test
	void anExceptionBlocksFreeSlotsAndGeneratesLaterOnesBlocked() {
		LocalDate nextWeek = day.plusWeeks(1);
		schedules.addUnavailability(mri.id(), SchedulingFixtures.start(nextWeek),
				SchedulingFixtures.start(nextWeek.plusDays(1)), "Onderhoud MRI");
		schedules.generate(mri.id(), nextWeek, nextWeek.plusDays(1));

		assertThat(fixtures.slots(mri.id(), nextWeek)).hasSize(8).allMatch(s -> s.status() == SlotStatus.BLOCKED);
		schedules.addUnavailability(mri.id(), SchedulingFixtures.at(day, 8, 0), SchedulingFixtures.at(day, 9, 0),
				"Kalibratie");
		assertThat(availability.findFree(dayQuery().withSchedules(Set.of(mri.id())), 100)).hasSize(6);
	}

	@Test
	void halfHourSlotsOnBothDaylightSavingNightsAreHalfAnHourInTheDatabase() {
		LocalDate springForward = TestDates.springForward(0);
		for (LocalDate night : List.of(springForward, TestDates.fallBack(0))) {
			Schedule ct = fixtures.schedule(department, ActorKind.DEVICE, AppointmentType.CT, night, LocalTime.MIDNIGHT,
					LocalTime.of(6, 0), 30);
			List<Slot> slots = fixtures.slots(ct.id(), night);
			assertThat(slots).hasSize(night.equals(springForward) ? 10 : 14)
				.allSatisfy(s -> assertThat(s.length()).isEqualTo(java.time.Duration.ofMinutes(30)));
			for (int i = 1; i < slots.size(); i++) {
				assertThat(slots.get(i).start()).isEqualTo(slots.get(i - 1).end());
			}
		}
	}

	@Test
	void theHorizonJobGeneratesEveryActiveScheduleUpToTheHorizon() {
		schedules.extendHorizon();

		LocalDate horizon = LocalDate.now(SchedulingFixtures.BRUSSELS).plusDays(92);
		assertThat(schedules.get(ct.id()).generatedUntil()).isAfterOrEqualTo(horizon.minusDays(1));
		assertThat(jdbc
			.sql("select count(*) from sched_schedule where active and (generated_until is null "
					+ "or generated_until < current_date + 90)")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void overlappingTemplateLinesAreRefusedAndANewTemplateReplacesUnusedSlots() {
		var overlapping = List.of(
				new TemplateLine(day.getDayOfWeek(), LocalTime.of(8, 0), LocalTime.of(10, 0), AppointmentType.MRI, 30),
				new TemplateLine(day.getDayOfWeek(), LocalTime.of(9, 0), LocalTime.of(11, 0), AppointmentType.MRI, 30));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> schedules.setTemplate(mri.id(), overlapping, null))
			.isInstanceOf(continuum.platform.InvalidInputException.class)
			.hasMessageContaining("overlap");

		schedules.setTemplate(mri.id(), List.of(new TemplateLine(day.getDayOfWeek(), LocalTime.of(13, 0),
				LocalTime.of(14, 0), AppointmentType.MRI, 60)), null);
		schedules.generate(mri.id(), day, day.plusDays(1));
		assertThat(fixtures.slots(mri.id(), day)).extracting(Slot::start)
			.containsExactly(SchedulingFixtures.at(day, 13, 0));
	}

}
