package continuum.scheduling.bulk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.scheduling.ActorKind;
import continuum.scheduling.Appointment;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentStatus;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.BookingRequest;
import continuum.scheduling.Schedule;
import continuum.scheduling.ScheduleService;
import continuum.scheduling.Slot;
import continuum.scheduling.SlotId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import static continuum.scheduling.bulk.BulkFixtures.at;
import static continuum.scheduling.bulk.BulkFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bulk rescheduling against the real database: selection by resource, department and
 * hospital in a window; proposals of the right type and resources, never one slot twice;
 * confirmation and rebooking with one message per patient; a stopped run continued
 * without duplicates; no slot; a slot taken meanwhile; refusal for a clinician.
 */
@ContinuumIntegrationTest
class BulkRescheduleIntegrationTests {

	@Autowired
	BulkRescheduleService bulk;

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
	JdbcClient jdbc;

	BulkFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new BulkFixtures(schedules, availability, patients);
	}

	@Test
	void selectsTheResourcesBookedAppointmentsInTheWindowOnly() {
		LocalDate day = BulkFixtures.monday(1);
		String department = BulkFixtures.department();
		Schedule one = sampling(department, day);
		Schedule two = sampling(department, day);
		Appointment first = book(fixtures.slots(one, day).get(1));
		Appointment second = book(fixtures.slots(one, day).get(0));
		book(fixtures.slots(two, day).get(0));
		book(fixtures.slots(one, day).get(5));
		Appointment cancelled = book(fixtures.slots(one, day).get(2));
		appointments.cancel(cancelled.id(), "patient called", null);

		RescheduleBatch batch = bulk.start(new RescheduleRequest(RescheduleScope.RESOURCE, one.id(), null,
				at(day, 8, 0), at(day, 8, 30), null, "Sampling chair broken"));

		assertThat(bulk.items(batch.id(), null, 100, 0)).extracting(RescheduleItem::appointment)
			.containsExactly(second.id(), first.id());
		assertThat(batch.status()).isEqualTo(BatchStatus.REVIEW);
		assertThat(batch.notBefore()).isEqualTo(at(day, 8, 30));
	}

	@Test
	void selectsByDepartmentAndForTheWholeHospital() {
		LocalDate day = BulkFixtures.monday(2);
		String department = BulkFixtures.department();
		String other = BulkFixtures.department();
		Schedule a = sampling(department, day);
		Schedule b = sampling(department, day);
		Schedule c = sampling(other, day);
		Appointment inA = book(fixtures.slots(a, day).get(0));
		Appointment inB = book(fixtures.slots(b, day).get(1));
		Appointment inOther = book(fixtures.slots(c, day).get(2));

		RescheduleBatch byDepartment = bulk.start(new RescheduleRequest(RescheduleScope.DEPARTMENT, null, department,
				at(day, 8, 0), at(day, 8, 30), null, "Power cut"));
		assertThat(bulk.items(byDepartment.id(), null, 100, 0)).extracting(RescheduleItem::appointment)
			.containsExactly(inA.id(), inB.id());

		RescheduleBatch all = bulk.start(new RescheduleRequest(RescheduleScope.ALL, null, null, at(day, 8, 0),
				at(day, 8, 30), null, "System down"));
		assertThat(bulk.items(all.id(), null, 100, 0)).extracting(RescheduleItem::appointment)
			.as("appointments already in an open batch are left to it")
			.containsExactly(inOther.id());
	}

	@Test
	void proposesTheEarliestSlotsOfTheTypeOnEquivalentResourcesAndNeverOneSlotTwice() {
		LocalDate day = BulkFixtures.monday(3);
		LocalDate next = day.plusDays(1);
		String department = BulkFixtures.department();
		Schedule radiographer1 = fixtures.schedule(department, ActorKind.PRACTITIONER, AppointmentType.CT, 20,
				open(day, 8, 0, 9, 0), open(next, 8, 0, 8, 40));
		Schedule ct1 = fixtures.schedule(department, ActorKind.DEVICE, AppointmentType.CT, 20, open(day, 8, 0, 9, 0),
				open(next, 8, 0, 8, 40));
		Schedule radiographer2 = fixtures.schedule(department, ActorKind.PRACTITIONER, AppointmentType.CT, 20,
				open(next, 8, 0, 9, 0));
		Schedule ct2 = fixtures.schedule(department, ActorKind.DEVICE, AppointmentType.CT, 20, open(next, 8, 0, 9, 0));
		Schedule ultrasound = fixtures.schedule(department, ActorKind.DEVICE, AppointmentType.ULTRASOUND, 20,
				open(next, 7, 0, 8, 0));
		Schedule elsewhere = fixtures.schedule(BulkFixtures.department(), ActorKind.DEVICE, AppointmentType.CT, 20,
				open(next, 7, 0, 8, 0));
		List<Appointment> booked = List.of(0, 1, 2)
			.stream()
			.map(i -> book(fixtures.slots(radiographer1, day).get(i), fixtures.slots(ct1, day).get(i)))
			.toList();

		RescheduleBatch batch = bulk.start(new RescheduleRequest(RescheduleScope.RESOURCE, ct1.id(), null,
				at(day, 8, 0), at(day, 9, 0), BulkFixtures.start(next), "CT 1 out of order"));

		List<RescheduleItem> items = bulk.items(batch.id(), null, 100, 0);
		assertThat(items).extracting(RescheduleItem::appointment)
			.containsExactlyElementsOf(booked.stream().map(Appointment::id).toList());
		assertThat(items).extracting(RescheduleItem::state).containsOnly(ItemState.PROPOSED);
		assertThat(items).extracting(RescheduleItem::proposedStart)
			.containsExactly(at(next, 8, 0), at(next, 8, 0), at(next, 8, 20));
		List<SlotId> all = items.stream().flatMap(i -> i.proposedSlots().stream()).toList();
		assertThat(new HashSet<>(all)).hasSize(6);
		Set<Object> usable = Set.of(radiographer1.id(), ct1.id(), radiographer2.id(), ct2.id());
		for (RescheduleItem item : items) {
			List<Slot> slots = item.proposedSlots().stream().map(availability::get).toList();
			assertThat(slots).extracting(Slot::type).containsOnly(AppointmentType.CT);
			assertThat(slots).extracting(Slot::schedule).allMatch(usable::contains);
			assertThat(slots.stream().map(s -> schedules.get(s.schedule()).actorKind()))
				.containsExactlyInAnyOrder(ActorKind.PRACTITIONER, ActorKind.DEVICE);
			assertThat(slots).extracting(Slot::schedule).doesNotContain(ultrasound.id(), elsewhere.id());
		}
		assertThat(items.get(0).proposedSlots().stream().map(availability::get).map(Slot::schedule))
			.as("the appointment's own resources come first")
			.containsExactlyInAnyOrder(radiographer1.id(), ct1.id());
	}

	@Test
	void findsTheEarliestFitBeyondTheFirstTwoWeeks() {
		LocalDate day = BulkFixtures.monday(11);
		LocalDate later = day.plusDays(23);
		Schedule point = fixtures.schedule(BulkFixtures.department(), ActorKind.LOCATION,
				AppointmentType.BLOOD_SAMPLING, 10, open(day, 8, 0, 8, 30), open(later, 10, 0, 10, 30));
		book(fixtures.slots(point, day).get(0));

		RescheduleBatch batch = bulk.start(new RescheduleRequest(RescheduleScope.RESOURCE, point.id(), null,
				at(day, 8, 0), at(day, 8, 30), null, "Nurse ill"));

		assertThat(bulk.items(batch.id(), null, 10, 0)).singleElement()
			.satisfies(item -> assertThat(item.proposedStart()).isEqualTo(at(later, 10, 0)));
	}

	@Test
	void marksNoSlotWhenNothingFits() {
		LocalDate day = BulkFixtures.monday(4);
		String department = BulkFixtures.department();
		Schedule point = fixtures.schedule(department, ActorKind.LOCATION, AppointmentType.BLOOD_SAMPLING, 10,
				open(day, 8, 0, 8, 30), open(day.plusDays(1), 8, 0, 8, 10));
		book(fixtures.slots(point, day).get(0));
		book(fixtures.slots(point, day).get(1));

		RescheduleBatch batch = bulk.start(new RescheduleRequest(RescheduleScope.RESOURCE, point.id(), null,
				at(day, 8, 0), at(day, 8, 30), null, "Nurse ill"));

		assertThat(batch.count(ItemState.PROPOSED)).isEqualTo(1);
		assertThat(batch.count(ItemState.NO_SLOT)).isEqualTo(1);
		assertThat(bulk.items(batch.id(), ItemState.NO_SLOT, 10, 0)).singleElement()
			.satisfies(item -> assertThat(item.reasonCode()).isEqualTo("no-free-slot"));
	}

	@Test
	void confirmingRebooksEveryItemAndTellsEachPatientOnce() {
		LocalDate day = BulkFixtures.monday(5);
		Schedule point = sampling(BulkFixtures.department(), day);
		List<Appointment> booked = List.of(0, 1, 2).stream().map(i -> book(fixtures.slots(point, day).get(i))).toList();
		RescheduleBatch batch = bulk.start(new RescheduleRequest(RescheduleScope.RESOURCE, point.id(), null,
				at(day, 8, 0), at(day, 8, 30), null, "Sampling chair broken"));
		RescheduleItem dropped = bulk.items(batch.id(), null, 10, 0).get(2);
		bulk.drop(batch.id(), dropped.id());

		bulk.confirm(batch.id());
		RescheduleBatch done = bulk.execute(batch.id(), 0);

		assertThat(done.status()).isEqualTo(BatchStatus.DONE);
		assertThat(done.count(ItemState.REBOOKED)).isEqualTo(2);
		assertThat(done.count(ItemState.SKIPPED)).isEqualTo(1);
		for (RescheduleItem item : bulk.items(batch.id(), ItemState.REBOOKED, 10, 0)) {
			Appointment old = appointments.get(item.appointment());
			Appointment replacement = appointments.get(item.newAppointment());
			assertThat(old.status()).isEqualTo(AppointmentStatus.CANCELLED);
			assertThat(old.replacedBy()).isEqualTo(replacement.id());
			assertThat(replacement.start()).isEqualTo(item.proposedStart());
			assertThat(replacement.slots()).containsExactlyElementsOf(item.proposedSlots());
			assertThat(rescheduleMessages(item.patient())).hasSize(1);
		}
		assertThat(appointments.get(booked.get(2).id()).status()).isEqualTo(AppointmentStatus.BOOKED);
		assertThat(rescheduleMessages(booked.get(2).patient())).isEmpty();
	}

	@Test
	void aRunStoppedHalfWayIsContinuedWithoutRebookingOrNotifyingTwice() throws Exception {
		LocalDate day = BulkFixtures.monday(6);
		Schedule point = sampling(BulkFixtures.department(), day);
		List<Appointment> booked = List.of(0, 1, 2, 3, 4, 5)
			.stream()
			.map(i -> book(fixtures.slots(point, day).get(i)))
			.toList();
		RescheduleBatch batch = bulk.start(new RescheduleRequest(RescheduleScope.RESOURCE, point.id(), null,
				at(day, 8, 0), at(day, 9, 0), null, "Sampling chair broken"));
		bulk.confirm(batch.id());

		RescheduleBatch stopped = bulk.execute(batch.id(), 2);
		assertThat(stopped.status()).isEqualTo(BatchStatus.EXECUTING);
		assertThat(stopped.count(ItemState.REBOOKED)).isEqualTo(2);
		assertThat(stopped.count(ItemState.CONFIRMED)).isEqualTo(4);

		Callable<RescheduleBatch> rerun = () -> bulk.execute(batch.id(), 0);
		ExecutorService nodes = Executors.newFixedThreadPool(2);
		try {
			for (Future<RescheduleBatch> run : nodes.invokeAll(List.of(rerun, rerun))) {
				run.get();
			}
		}
		finally {
			nodes.shutdownNow();
		}

		RescheduleBatch done = bulk.batch(batch.id());
		assertThat(done.status()).isEqualTo(BatchStatus.DONE);
		assertThat(done.count(ItemState.REBOOKED)).isEqualTo(6);
		for (Appointment old : booked) {
			assertThat(jdbc.sql("select count(*) from sched_appointment where replaces = :id")
				.param("id", old.id().value())
				.query(Integer.class)
				.single()).isEqualTo(1);
			assertThat(rescheduleMessages(old.patient())).hasSize(1);
		}
		assertThatThrownBy(() -> bulk.execute(batch.id(), 0)).isInstanceOf(ConflictException.class);
	}

	@Test
	void aSlotTakenMeanwhileGetsANewProposalForReview() {
		LocalDate day = BulkFixtures.monday(7);
		Schedule point = sampling(BulkFixtures.department(), day);
		book(fixtures.slots(point, day).get(0));
		RescheduleBatch batch = bulk.start(new RescheduleRequest(RescheduleScope.RESOURCE, point.id(), null,
				at(day, 8, 0), at(day, 8, 10), null, "Sampling chair broken"));
		RescheduleItem proposed = bulk.items(batch.id(), null, 10, 0).get(0);
		bulk.confirm(batch.id());
		appointments.book(BookingRequest.of(fixtures.patient(), proposed.proposedSlots().get(0)));

		RescheduleBatch after = bulk.execute(batch.id(), 0);

		assertThat(after.status()).isEqualTo(BatchStatus.REVIEW);
		RescheduleItem again = bulk.items(batch.id(), null, 10, 0).get(0);
		assertThat(again.state()).isEqualTo(ItemState.PROPOSED);
		assertThat(again.reasonCode()).isEqualTo("slot-taken");
		assertThat(again.proposedSlots()).doesNotContainAnyElementsOf(proposed.proposedSlots());
		assertThat(appointments.get(proposed.appointment()).status()).isEqualTo(AppointmentStatus.BOOKED);
		assertThat(rescheduleMessages(proposed.patient())).isEmpty();
	}

	@Test
	void anAppointmentCancelledAfterConfirmationIsSkippedAndTheOthersRebooked() {
		LocalDate day = BulkFixtures.monday(9);
		Schedule point = sampling(BulkFixtures.department(), day);
		Appointment first = book(fixtures.slots(point, day).get(0));
		Appointment second = book(fixtures.slots(point, day).get(1));
		RescheduleBatch batch = bulk.start(new RescheduleRequest(RescheduleScope.RESOURCE, point.id(), null,
				at(day, 8, 0), at(day, 8, 30), null, "Sampling chair broken"));
		bulk.confirm(batch.id());
		appointments.cancel(first.id(), "patient called", null);

		RescheduleBatch done = bulk.execute(batch.id(), 0);

		assertThat(done.status()).isEqualTo(BatchStatus.DONE);
		List<RescheduleItem> items = bulk.items(batch.id(), null, 10, 0);
		assertThat(items).extracting(RescheduleItem::state).containsExactly(ItemState.SKIPPED, ItemState.REBOOKED);
		assertThat(items.get(0).reasonCode()).isEqualTo("not-booked");
		assertThat(appointments.get(first.id()).replacedBy()).isNull();
		assertThat(rescheduleMessages(first.patient())).isEmpty();
		assertThat(rescheduleMessages(second.patient())).hasSize(1);
	}

	@Test
	void theSchedulerChangesAProposalToALaterTimeAndItsSlotIsFreedForOthers() {
		LocalDate day = BulkFixtures.monday(10);
		LocalDate next = day.plusDays(1);
		Schedule point = sampling(BulkFixtures.department(), day);
		book(fixtures.slots(point, day).get(0));
		book(fixtures.slots(point, day).get(1));
		RescheduleBatch batch = bulk.start(new RescheduleRequest(RescheduleScope.RESOURCE, point.id(), null,
				at(day, 8, 0), at(day, 8, 30), BulkFixtures.start(next), "Sampling chair broken"));
		List<RescheduleItem> before = bulk.items(batch.id(), null, 10, 0);
		assertThat(before).extracting(RescheduleItem::proposedStart).containsExactly(at(next, 8, 0), at(next, 8, 10));

		RescheduleItem changed = bulk.proposeAgain(batch.id(), before.get(0).id(), at(next, 8, 30));

		assertThat(changed.state()).isEqualTo(ItemState.PROPOSED);
		assertThat(changed.proposedStart()).isEqualTo(at(next, 8, 30));
		assertThat(changed.reasonCode()).isEqualTo("changed");
		RescheduleItem back = bulk.proposeAgain(batch.id(), before.get(0).id(), BulkFixtures.start(next));
		assertThat(back.proposedStart()).as("its first slot was released").isEqualTo(at(next, 8, 0));
		assertThat(bulk.proposeAgain(batch.id(), before.get(1).id(), at(next, 9, 0)).state())
			.isEqualTo(ItemState.NO_SLOT);
	}

	@Test
	void aClinicianMayNotRescheduleInBulk() {
		LocalDate day = BulkFixtures.monday(8);
		Schedule point = sampling(BulkFixtures.department(), day);
		book(fixtures.slots(point, day).get(0));
		int before = batches();

		assertThatThrownBy(
				() -> BulkFixtures.as("PHYSICIAN",
						() -> bulk.start(new RescheduleRequest(RescheduleScope.RESOURCE, point.id(), null,
								at(day, 8, 0), at(day, 9, 0), null, "Sampling chair broken"))))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(batches()).isEqualTo(before);
	}

	@Test
	void aRequestWithoutWindowOrReasonIsRefusedAndWritesNothing() {
		int before = batches();
		Instant now = Instant.parse("2028-03-01T08:00:00Z");

		assertThatThrownBy(
				() -> new RescheduleRequest(RescheduleScope.ALL, null, null, now, now.minusSeconds(1), null, "x"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("window");
		assertThatThrownBy(
				() -> new RescheduleRequest(RescheduleScope.ALL, null, null, now, now.plusSeconds(60), null, " "))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("reason");
		assertThatThrownBy(() -> new RescheduleRequest(RescheduleScope.DEPARTMENT, null, null, now, now.plusSeconds(60),
				null, "x"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("department");
		assertThat(batches()).isEqualTo(before);
	}

	private Schedule sampling(String department, LocalDate day) {
		return fixtures.schedule(department, ActorKind.LOCATION, AppointmentType.BLOOD_SAMPLING, 10,
				open(day, 8, 0, 9, 0), open(day.plusDays(1), 8, 0, 9, 0));
	}

	private Appointment book(Slot... slots) {
		return appointments
			.book(new BookingRequest(fixtures.patient(), List.of(slots).stream().map(Slot::id).toList(), null, false));
	}

	private List<NotificationMessage> rescheduleMessages(PatientId patient) {
		return notifications.messagesFor(patient)
			.stream()
			.filter(m -> m.kind() == NotificationKind.APPOINTMENT_RESCHEDULED)
			.toList();
	}

	private int batches() {
		return jdbc.sql("select count(*) from sched_reschedule_batch").query(Integer.class).single();
	}

}
