package continuum.scheduling;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import continuum.ContinuumIntegrationTest;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Booking through the service against the real database: all-or-nothing multi-resource
 * bookings, no double booking under 50 concurrent clients, overbooking only when asked
 * for and allowed.
 */
@ContinuumIntegrationTest
class BookingIntegrationTests {

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

	LocalDate day = SchedulingFixtures.monday(10);

	@BeforeEach
	void setUp() {
		fixtures = new SchedulingFixtures(schedules, availability, patients);
	}

	@Test
	void booksAPhysicianAndARoomTogetherAndMarksBothSlotsBusy() {
		String department = SchedulingFixtures.department();
		Schedule physician = fixtures.schedule(department, ActorKind.PRACTITIONER, AppointmentType.CONSULTATION, day,
				LocalTime.of(9, 0), LocalTime.of(10, 0), 20);
		Schedule room = fixtures.schedule(department, ActorKind.LOCATION, AppointmentType.CONSULTATION, day,
				LocalTime.of(9, 0), LocalTime.of(10, 0), 20);
		PatientId patient = fixtures.patient();
		Slot a = fixtures.slots(physician.id(), day).get(0);
		Slot b = fixtures.slots(room.id(), day).get(0);

		Appointment booked = appointments.book(BookingRequest.of(patient, a.id(), b.id()));

		assertThat(booked.status()).isEqualTo(AppointmentStatus.BOOKED);
		assertThat(booked.start()).isEqualTo(SchedulingFixtures.at(day, 9, 0));
		assertThat(booked.participants()).extracting(Appointment.Participant::kind)
			.containsExactlyInAnyOrder(ActorKind.PRACTITIONER, ActorKind.LOCATION);
		assertThat(availability.get(a.id()).status()).isEqualTo(SlotStatus.BUSY);
		assertThat(availability.get(b.id()).status()).isEqualTo(SlotStatus.BUSY);
		assertThat(auditRows(booked.id(), "CREATE")).isEqualTo(1);
		assertThat(
				jdbc.sql("select count(*) from change_feed where resource_type = 'Appointment' and resource_id = :id")
					.param("id", booked.id().asString())
					.query(Integer.class)
					.single())
			.isEqualTo(1);
	}

	@Test
	void aTakenSecondResourceBooksNothing() {
		String department = SchedulingFixtures.department();
		Schedule radiographer = fixtures.schedule(department, ActorKind.PRACTITIONER, AppointmentType.CT, day,
				LocalTime.of(8, 0), LocalTime.of(9, 0), 20);
		Schedule ct = fixtures.schedule(department, ActorKind.DEVICE, AppointmentType.CT, day, LocalTime.of(8, 0),
				LocalTime.of(9, 0), 20);
		Schedule radiographer2 = fixtures.schedule(department, ActorKind.PRACTITIONER, AppointmentType.CT, day,
				LocalTime.of(8, 0), LocalTime.of(9, 0), 20);
		Slot ctSlot = fixtures.slots(ct.id(), day).get(0);
		Slot first = fixtures.slots(radiographer.id(), day).get(0);
		Slot second = fixtures.slots(radiographer2.id(), day).get(0);
		appointments.book(BookingRequest.of(fixtures.patient(), first.id(), ctSlot.id()));
		PatientId other = fixtures.patient();
		int before = countAppointments(other);

		assertThatThrownBy(() -> appointments.book(BookingRequest.of(other, second.id(), ctSlot.id())))
			.isInstanceOf(SlotTakenException.class)
			.hasMessageContaining(ctSlot.id().asString());

		assertThat(countAppointments(other)).isEqualTo(before);
		assertThat(availability.get(second.id()).status()).isEqualTo(SlotStatus.FREE);
	}

	@Test
	void slotsThatDoNotFitTogetherAreInvalid() {
		String department = SchedulingFixtures.department();
		Schedule physician = fixtures.schedule(department, ActorKind.PRACTITIONER, AppointmentType.CONSULTATION, day,
				LocalTime.of(9, 0), LocalTime.of(10, 0), 20);
		Schedule room = fixtures.schedule(department, ActorKind.LOCATION, AppointmentType.CONSULTATION, day,
				LocalTime.of(9, 0), LocalTime.of(10, 0), 20);
		PatientId patient = fixtures.patient();
		List<Slot> physicianSlots = fixtures.slots(physician.id(), day);
		Slot roomSlot = fixtures.slots(room.id(), day).get(0);

		assertThatThrownBy(
				() -> appointments.book(BookingRequest.of(patient, physicianSlots.get(1).id(), roomSlot.id())))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("same time");
		assertThatThrownBy(() -> appointments.book(BookingRequest.of(patient, roomSlot.id())))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("needs one slot of each of Location, Practitioner");
		assertThatThrownBy(() -> appointments.book(BookingRequest.of(patient, new SlotId(987654321))))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("No slot with id 987654321");
		assertThat(availability.get(roomSlot.id()).status()).isEqualTo(SlotStatus.FREE);
	}

	@Test
	void fiftyConcurrentClientsGetExactlyOneWinnerPerSlot() throws Exception {
		String department = SchedulingFixtures.department();
		Schedule sampling = fixtures.schedule(department, ActorKind.LOCATION, AppointmentType.BLOOD_SAMPLING, day,
				LocalTime.of(7, 0), LocalTime.of(8, 0), 10);
		List<Slot> slots = fixtures.slots(sampling.id(), day);
		assertThat(slots).hasSize(6);
		List<PatientId> clients = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			clients.add(fixtures.patient());
		}
		ExecutorService pool = Executors.newFixedThreadPool(50);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<List<String>>> results = new ArrayList<>();
		for (PatientId client : clients) {
			Callable<List<String>> race = () -> {
				start.await();
				List<String> outcomes = new ArrayList<>();
				for (Slot slot : slots) {
					try {
						appointments.book(BookingRequest.of(client, slot.id()));
						outcomes.add("won " + slot.id());
					}
					catch (SlotTakenException ex) {
						outcomes.add("conflict");
					}
				}
				return outcomes;
			};
			results.add(pool.submit(race));
		}
		start.countDown();
		List<String> all = new ArrayList<>();
		for (Future<List<String>> result : results) {
			all.addAll(result.get(2, TimeUnit.MINUTES));
		}
		pool.shutdown();

		assertThat(all).filteredOn(o -> o.startsWith("won")).hasSize(slots.size()).doesNotHaveDuplicates();
		assertThat(all).filteredOn("conflict"::equals).hasSize(50 * slots.size() - slots.size());
		for (Slot slot : slots) {
			assertThat(jdbc.sql("select count(*) from sched_booking where slot_id = :slot and active")
				.param("slot", slot.id().value())
				.query(Integer.class)
				.single()).as("active bookings of slot %s", slot.id()).isEqualTo(1);
		}
	}

	@Test
	void fiftyClientsBookingOverlappingPairsNeitherDeadlockNorDoubleBook() throws Exception {
		String department = SchedulingFixtures.department();
		List<List<Slot>> physicians = new ArrayList<>();
		List<List<Slot>> rooms = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			physicians.add(fixtures.slots(
					fixtures
						.schedule(department, ActorKind.PRACTITIONER, AppointmentType.CONSULTATION, day,
								LocalTime.of(14, 0), LocalTime.of(15, 0), 20)
						.id(),
					day));
			rooms.add(fixtures.slots(
					fixtures
						.schedule(department, ActorKind.LOCATION, AppointmentType.CONSULTATION, day,
								LocalTime.of(14, 0), LocalTime.of(15, 0), 20)
						.id(),
					day));
		}
		List<PatientId> clients = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			clients.add(fixtures.patient());
		}
		ExecutorService pool = Executors.newFixedThreadPool(50);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> results = new ArrayList<>();
		for (int c = 0; c < clients.size(); c++) {
			PatientId client = clients.get(c);
			int seed = c;
			results.add(pool.submit(() -> {
				start.await();
				int won = 0;
				for (int t = 0; t < 3; t++) {
					// Each client takes one physician and one room, in either order.
					Slot physician = physicians.get(seed % 2).get(t);
					Slot room = rooms.get((seed / 2) % 2).get(t);
					List<SlotId> pair = seed % 3 == 0 ? List.of(room.id(), physician.id())
							: List.of(physician.id(), room.id());
					try {
						appointments.book(new BookingRequest(client, pair, null, false));
						won++;
					}
					catch (SlotTakenException ex) {
						// lost the race for this time
					}
				}
				return won;
			}));
		}
		start.countDown();
		int won = 0;
		for (Future<Integer> result : results) {
			won += result.get(2, TimeUnit.MINUTES);
		}
		pool.shutdown();

		assertThat(won).isEqualTo(2 * 3);
		List<Long> all = new ArrayList<>();
		physicians.forEach(list -> list.stream().limit(3).forEach(slot -> all.add(slot.id().value())));
		rooms.forEach(list -> list.stream().limit(3).forEach(slot -> all.add(slot.id().value())));
		for (Long slot : all) {
			assertThat(jdbc.sql("select count(*) from sched_booking where slot_id = :slot and active")
				.param("slot", slot)
				.query(Integer.class)
				.single()).isEqualTo(1);
		}
	}

	@Test
	void theDatabaseRefusesASecondActiveBookingOfASlotWhateverTheApplicationDoes() {
		String department = SchedulingFixtures.department();
		Schedule sampling = fixtures.schedule(department, ActorKind.LOCATION, AppointmentType.BLOOD_SAMPLING, day,
				LocalTime.of(12, 0), LocalTime.of(12, 10), 10);
		Slot slot = fixtures.slots(sampling.id(), day).get(0);
		Appointment first = appointments.book(BookingRequest.of(fixtures.patient(), slot.id()));
		Appointment second = appointments.book(new BookingRequest(fixtures.patient(), List.of(slot.id()), null, true));
		jdbc.sql("update sched_booking set overbook = false where appointment_id = :id")
			.param("id", first.id().value())
			.update();

		assertThatThrownBy(() -> jdbc.sql("update sched_booking set overbook = false where appointment_id = :id")
			.param("id", second.id().value())
			.update()).isInstanceOf(DuplicateKeyException.class);
	}

	@Test
	void overbookingIsRefusedWithoutTheFlagAndWithoutTheRoleAndMarkedWithBoth() {
		String department = SchedulingFixtures.department();
		Schedule sampling = fixtures.schedule(department, ActorKind.LOCATION, AppointmentType.BLOOD_SAMPLING, day,
				LocalTime.of(13, 0), LocalTime.of(13, 10), 10);
		Slot slot = fixtures.slots(sampling.id(), day).get(0);
		PatientId first = fixtures.patient();
		PatientId second = fixtures.patient();
		SchedulingFixtures.as("SCHEDULER", () -> appointments.book(BookingRequest.of(first, slot.id())));

		assertThatThrownBy(
				() -> SchedulingFixtures.as("SCHEDULER", () -> appointments.book(BookingRequest.of(second, slot.id()))))
			.isInstanceOf(SlotTakenException.class);
		assertThatThrownBy(() -> SchedulingFixtures.as("NURSE",
				() -> appointments.book(new BookingRequest(second, List.of(slot.id()), null, true))))
			.isInstanceOf(AccessDeniedException.class);
		Appointment overbooked = SchedulingFixtures.as("SCHEDULER",
				() -> appointments.book(new BookingRequest(second, List.of(slot.id()), "urgent", true)));

		assertThat(overbooked.overbooked()).isTrue();
		assertThat(availability.get(slot.id()).overbooked()).isTrue();
		assertThat(availability.get(slot.id()).status()).isEqualTo(SlotStatus.BUSY);
	}

	private int countAppointments(PatientId patient) {
		return jdbc.sql("select count(*) from sched_appointment where patient_id = :p")
			.param("p", patient.value())
			.query(Integer.class)
			.single();
	}

	private int auditRows(AppointmentId id, String action) {
		return jdbc
			.sql("select count(*) from audit_log where resource_type = 'Appointment' and resource_id = :id "
					+ "and action = :action")
			.param("id", id.asString())
			.param("action", action)
			.query(Integer.class)
			.single();
	}

}
