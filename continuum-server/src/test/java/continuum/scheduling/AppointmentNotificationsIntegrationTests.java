package continuum.scheduling;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.notifications.DeliveryChannel;
import continuum.notifications.NotificationKind;
import continuum.notifications.NotificationMessage;
import continuum.notifications.NotificationService;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Booking, rescheduling and cancelling each queue exactly one message per channel in the
 * patient's language, in the appointment's transaction: none when it rolls back, and no
 * separate cancellation for the appointment a rescheduling replaces.
 */
@ContinuumIntegrationTest
class AppointmentNotificationsIntegrationTests {

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
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	SchedulingFixtures fixtures;

	LocalDate day = SchedulingFixtures.monday(60).plusDays(2);

	@BeforeEach
	void setUp() {
		fixtures = new SchedulingFixtures(schedules, availability, patients);
	}

	@Test
	void aBookingQueuesOneConfirmationInThePatientsLanguage() {
		List<Slot> slots = bloodSamplingSlots();
		PatientId patient = patientWritingIn("fr");

		Appointment booked = appointments.book(BookingRequest.of(patient, slots.get(0).id()));

		List<NotificationMessage> messages = messages(patient);
		assertThat(messages).singleElement().satisfies(m -> {
			assertThat(m.kind()).isEqualTo(NotificationKind.APPOINTMENT_BOOKED);
			assertThat(m.reference()).isEqualTo("Appointment/" + booked.id().asString());
			assertThat(m.language()).isEqualTo("fr");
			assertThat(m.channel()).isEqualTo(DeliveryChannel.EMAIL);
		});
		assertThat(body(messages.get(0))).contains("Votre rendez-vous est confirmé").contains("09:00");
	}

	@Test
	void aReschedulingQueuesOneMessageWithBothTimesAndNoCancellation() {
		List<Slot> slots = bloodSamplingSlots();
		PatientId patient = patientWritingIn("nl");
		Appointment booked = appointments.book(BookingRequest.of(patient, slots.get(0).id()));

		Appointment moved = appointments.reschedule(booked.id(), List.of(slots.get(2).id()), "Toestel defect");

		List<NotificationMessage> messages = messages(patient);
		assertThat(messages).extracting(NotificationMessage::kind)
			.containsExactlyInAnyOrder(NotificationKind.APPOINTMENT_BOOKED, NotificationKind.APPOINTMENT_RESCHEDULED);
		NotificationMessage rescheduled = messages.stream()
			.filter(m -> m.kind() == NotificationKind.APPOINTMENT_RESCHEDULED)
			.findFirst()
			.orElseThrow();
		assertThat(rescheduled.reference()).isEqualTo("Appointment/" + moved.id().asString());
		assertThat(rescheduled.language()).isEqualTo("nl");
		assertThat(body(rescheduled)).contains("is verplaatst naar").contains("om 09:00").contains("om 09:20");
	}

	@Test
	void aCancellationQueuesOneMessageQuotingTheReason() {
		List<Slot> slots = bloodSamplingSlots();
		PatientId patient = patientWritingIn("en");
		Appointment booked = appointments.book(BookingRequest.of(patient, slots.get(1).id()));

		appointments.cancel(booked.id(), "clinic closed", null);

		List<NotificationMessage> messages = messages(patient);
		assertThat(messages).extracting(NotificationMessage::kind)
			.containsExactlyInAnyOrder(NotificationKind.APPOINTMENT_BOOKED, NotificationKind.APPOINTMENT_CANCELLED);
		NotificationMessage cancelled = messages.stream()
			.filter(m -> m.kind() == NotificationKind.APPOINTMENT_CANCELLED)
			.findFirst()
			.orElseThrow();
		assertThat(cancelled.language()).isEqualTo("en");
		assertThat(body(cancelled)).contains("has been cancelled (clinic closed)").contains("at 09:10");
	}

	@Test
	void aBookingThatRollsBackLeavesNoMessage() {
		List<Slot> slots = bloodSamplingSlots();
		PatientId patient = patientWritingIn("fr");

		transactions.executeWithoutResult(status -> {
			appointments.book(BookingRequest.of(patient, slots.get(3).id()));
			status.setRollbackOnly();
		});

		assertThat(messages(patient)).isEmpty();
		assertThat(availability.get(slots.get(3).id()).status()).isEqualTo(SlotStatus.FREE);
	}

	private List<Slot> bloodSamplingSlots() {
		Schedule point = fixtures.schedule(SchedulingFixtures.department(), ActorKind.LOCATION,
				AppointmentType.BLOOD_SAMPLING, day, LocalTime.of(9, 0), LocalTime.of(10, 0), 10);
		return fixtures.slots(point.id(), day);
	}

	private PatientId patientWritingIn(String language) {
		return patients
			.register(new PatientData(List.of(), "Dubois", List.of("Amélie"), null, LocalDate.of(1984, 3, 9),
					Gender.FEMALE, Address.NONE, null, "amelie.dubois@example.org", language, false))
			.id();
	}

	private List<NotificationMessage> messages(PatientId patient) {
		return notifications.messagesFor(patient);
	}

	private String body(NotificationMessage message) {
		return jdbc.sql("select body from notification_outbox where id = :id")
			.param("id", message.id())
			.query(String.class)
			.single();
	}

}
