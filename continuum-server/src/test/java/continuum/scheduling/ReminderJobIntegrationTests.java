package continuum.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import continuum.ContinuumIntegrationTest;
import continuum.notifications.NotificationKind;
import continuum.notifications.NotificationMessage;
import continuum.notifications.NotificationService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reminders go out once per booked appointment, when the reminder lead before its start
 * is reached: not earlier, not twice when the job runs again or on two nodes at once, and
 * not for a cancelled appointment. The job is run at chosen instants instead of waiting
 * for the clock.
 */
@ContinuumIntegrationTest
class ReminderJobIntegrationTests {

	@Autowired
	ScheduleService schedules;

	@Autowired
	AvailabilityService availability;

	@Autowired
	AppointmentService appointments;

	@Autowired
	PatientService patients;

	@Autowired
	NotificationService notifications;

	@Autowired
	ReminderJob job;

	SchedulingFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new SchedulingFixtures(schedules, availability, patients);
	}

	@Test
	void remindsOnceWhenTheLeadTimeIsReached() {
		LocalDate day = SchedulingFixtures.monday(61).plusDays(1);
		List<Slot> slots = slots(day);
		PatientId patient = fixtures.patient();
		Appointment booked = appointments.book(BookingRequest.of(patient, slots.get(0).id()));
		Instant due = booked.start().minus(notifications.reminderLead());

		job.remind(due.minusSeconds(60));
		assertThat(reminders(patient)).isEmpty();

		job.remind(due.plusSeconds(60));
		job.remind(due.plusSeconds(120));
		job.remind(booked.start().minusSeconds(60));

		assertThat(reminders(patient)).singleElement()
			.satisfies(m -> assertThat(m.reference()).isEqualTo("Appointment/" + booked.id().asString()));
	}

	@Test
	void twoNodesRunningAtOnceRemindEachAppointmentOnce() throws Exception {
		LocalDate day = SchedulingFixtures.monday(62).plusDays(3);
		List<Slot> slots = slots(day);
		List<PatientId> booked = slots.stream().limit(5).map(slot -> {
			PatientId patient = fixtures.patient();
			appointments.book(BookingRequest.of(patient, slot.id()));
			return patient;
		}).toList();
		Instant at = slots.get(0).start().minus(notifications.reminderLead()).plusSeconds(1);
		Callable<Integer> run = () -> job.remind(at.plusSeconds(3600));

		ExecutorService nodes = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> runs = nodes.invokeAll(List.of(run, run));
			for (Future<Integer> r : runs) {
				r.get();
			}
		}
		finally {
			nodes.shutdownNow();
		}

		for (PatientId patient : booked) {
			assertThat(reminders(patient)).hasSize(1);
		}
	}

	@Test
	void aCancelledAppointmentIsNotReminded() {
		LocalDate day = SchedulingFixtures.monday(63).plusDays(4);
		List<Slot> slots = slots(day);
		PatientId patient = fixtures.patient();
		Appointment booked = appointments.book(BookingRequest.of(patient, slots.get(0).id()));
		appointments.cancel(booked.id(), "patient called", null);

		job.remind(booked.start().minus(notifications.reminderLead()).plusSeconds(60));

		assertThat(reminders(patient)).isEmpty();
	}

	private List<Slot> slots(LocalDate day) {
		Schedule point = fixtures.schedule(SchedulingFixtures.department(), ActorKind.LOCATION,
				AppointmentType.BLOOD_SAMPLING, day, LocalTime.of(8, 0), LocalTime.of(9, 0), 10);
		return fixtures.slots(point.id(), day);
	}

	private List<NotificationMessage> reminders(PatientId patient) {
		return notifications.messagesFor(patient)
			.stream()
			.filter(m -> m.kind() == NotificationKind.APPOINTMENT_REMINDER)
			.toList();
	}

}
