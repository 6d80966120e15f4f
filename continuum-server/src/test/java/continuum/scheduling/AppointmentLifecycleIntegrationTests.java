package continuum.scheduling;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.access.AccessDeniedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The life of an appointment: check-in, fulfilment, no-show, cancellation with who and
 * why, rescheduling as a chain, illegal transitions refused, and the events a listener
 * (notifications) receives.
 */
@ContinuumIntegrationTest
class AppointmentLifecycleIntegrationTests {

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

	@Autowired
	ConfigurableApplicationContext context;

	SchedulingEventsRecorder recorder;

	SchedulingFixtures fixtures;

	LocalDate day = SchedulingFixtures.monday(30);

	List<Slot> slots;

	PatientId patient;

	@BeforeEach
	void setUp() {
		fixtures = new SchedulingFixtures(schedules, availability, patients);
		Schedule echo = fixtures.schedule(SchedulingFixtures.department(), ActorKind.DEVICE, AppointmentType.ULTRASOUND,
				day, LocalTime.of(8, 0), LocalTime.of(10, 0), 20);
		slots = fixtures.slots(echo.id(), day);
		patient = fixtures.patient();
		recorder = new SchedulingEventsRecorder(context);
	}

	@AfterEach
	void tearDown() {
		recorder.detach();
	}

	@Test
	void arrivesAndIsFulfilledButCannotGoBack() {
		Appointment booked = appointments.book(BookingRequest.of(patient, slots.get(0).id()));
		Appointment arrived = appointments.checkIn(booked.id(), booked.version());
		Appointment fulfilled = appointments.fulfil(arrived.id(), arrived.version());

		assertThat(fulfilled.status()).isEqualTo(AppointmentStatus.FULFILLED);
		assertThat(fulfilled.version()).isEqualTo(3);
		assertThatThrownBy(() -> appointments.checkIn(booked.id(), null)).isInstanceOf(ConflictException.class)
			.hasMessageContaining("fulfilled; it cannot become arrived");
		assertThatThrownBy(() -> appointments.cancel(booked.id(), "te laat", null))
			.isInstanceOf(ConflictException.class);
		assertThat(availability.get(slots.get(0).id()).status()).isEqualTo(SlotStatus.BUSY);
	}

	@Test
	void aNoShowKeepsTheSlotUsedAndAStaleVersionIsRefused() {
		Appointment booked = appointments.book(BookingRequest.of(patient, slots.get(1).id()));

		assertThatThrownBy(() -> appointments.noShow(booked.id(), 5)).isInstanceOf(VersionConflictException.class);
		Appointment missed = appointments.noShow(booked.id(), 1);

		assertThat(missed.status()).isEqualTo(AppointmentStatus.NOSHOW);
		assertThatThrownBy(() -> appointments.checkIn(booked.id(), null)).isInstanceOf(ConflictException.class);
		assertThat(availability.get(slots.get(1).id()).status()).isEqualTo(SlotStatus.BUSY);
	}

	@Test
	void cancellationRecordsWhyAndWhoAndFreesTheSlot() {
		Appointment booked = SchedulingFixtures.as("SCHEDULER",
				() -> appointments.book(BookingRequest.of(patient, slots.get(2).id())));

		assertThatThrownBy(() -> appointments.cancel(booked.id(), " ", null)).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> SchedulingFixtures.as("RADIOGRAPHER",
				() -> appointments.cancel(booked.id(), "Patiënt belde af", null)))
			.isInstanceOf(AccessDeniedException.class);
		Appointment cancelled = SchedulingFixtures.as("SCHEDULER",
				() -> appointments.cancel(booked.id(), "Patiënt belde af", 1));

		assertThat(cancelled.status()).isEqualTo(AppointmentStatus.CANCELLED);
		assertThat(cancelled.cancellation()).isNotNull();
		assertThat(cancelled.cancellation().reason()).isEqualTo("Patiënt belde af");
		assertThat(cancelled.cancellation().by()).isEqualTo("scheduler");
		assertThat(availability.get(slots.get(2).id()).status()).isEqualTo(SlotStatus.FREE);
		assertThat(recorder.of(AppointmentCancelled.class)).extracting(AppointmentCancelled::appointment)
			.contains(booked.id());
		Appointment again = appointments.book(BookingRequest.of(fixtures.patient(), slots.get(2).id()));
		assertThat(again.status()).isEqualTo(AppointmentStatus.BOOKED);
	}

	@Test
	void reschedulingCancelsTheOldOneAndLinksBothWays() {
		Appointment first = appointments.book(BookingRequest.of(patient, slots.get(3).id()));
		Appointment second = appointments.reschedule(first.id(), List.of(slots.get(4).id()), "Toestel in onderhoud");
		Appointment third = appointments.reschedule(second.id(), List.of(slots.get(3).id()), "Op vraag van patiënt");

		Appointment firstNow = appointments.get(first.id());
		Appointment secondNow = appointments.get(second.id());
		assertThat(firstNow.status()).isEqualTo(AppointmentStatus.CANCELLED);
		assertThat(firstNow.replacedBy()).isEqualTo(second.id());
		assertThat(secondNow.replaces()).isEqualTo(first.id());
		assertThat(secondNow.replacedBy()).isEqualTo(third.id());
		assertThat(secondNow.cancellation().reason()).isEqualTo("Op vraag van patiënt");
		assertThat(third.replaces()).isEqualTo(second.id());
		assertThat(third.status()).isEqualTo(AppointmentStatus.BOOKED);
		assertThat(third.slots()).containsExactly(slots.get(3).id());
		assertThat(availability.get(slots.get(4).id()).status()).isEqualTo(SlotStatus.FREE);
		assertThat(recorder.of(AppointmentRescheduled.class)).extracting(AppointmentRescheduled::replacement)
			.contains(second.id(), third.id());
	}

	@Test
	void aFailedRescheduleLeavesTheOldAppointmentAsItWas() {
		Appointment mine = appointments.book(BookingRequest.of(patient, slots.get(5).id()));
		Appointment theirs = appointments.book(BookingRequest.of(fixtures.patient(), slots.get(0).id()));

		assertThatThrownBy(() -> appointments.reschedule(mine.id(), List.of(theirs.slots().get(0)), "Verplaatst"))
			.isInstanceOf(SlotTakenException.class);

		Appointment unchanged = appointments.get(mine.id());
		assertThat(unchanged.status()).isEqualTo(AppointmentStatus.BOOKED);
		assertThat(unchanged.version()).isEqualTo(mine.version());
		assertThat(availability.get(slots.get(5).id()).status()).isEqualTo(SlotStatus.BUSY);
	}

	@Test
	void findsTheAppointmentsOfAScheduleInAWindowForBulkRescheduling() {
		Appointment booked = appointments.book(BookingRequest.of(patient, slots.get(0).id()));
		ScheduleId echo = slots.get(0).schedule();
		Unavailability outOfService = schedules.addUnavailability(echo, SchedulingFixtures.at(day, 8, 0),
				SchedulingFixtures.at(day, 9, 0), "Toestel defect");

		assertThat(outOfService.affectedAppointments()).contains(booked.id());
		assertThat(outOfService.blockedSlots()).isGreaterThanOrEqualTo(1);
		List<Appointment> inWindow = appointments
			.search(AppointmentQuery.inWindow(echo, SchedulingFixtures.at(day, 8, 0), SchedulingFixtures.at(day, 9, 0))
				.withStatuses(java.util.Set.of(AppointmentStatus.BOOKED)), 100, 0);
		assertThat(inWindow).extracting(Appointment::id).contains(booked.id());
		assertThat(
				availability.findFree(SlotQuery.free(SchedulingFixtures.at(day, 8, 0), SchedulingFixtures.at(day, 9, 0))
					.withSchedules(java.util.Set.of(echo)), 10))
			.isEmpty();
		assertThat(jdbc
			.sql("select count(*) from audit_log where resource_type = 'Appointment' and action = 'SEARCH' "
					+ "and patient_id = :p")
			.param("p", patient.asString())
			.query(Integer.class)
			.single()).isPositive();
	}

}
