package continuum.scheduling;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IClientExecutable;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Booking and managing appointments through FHIR R4: create referencing slots, status
 * updates with If-Match, the search parameters, and every error as an OperationOutcome
 * with the right status; every emitted resource validates against R4.
 */
@ContinuumIntegrationTest
class AppointmentFhirIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ScheduleService schedules;

	@Autowired
	AvailabilityService availability;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	SchedulingFixtures fixtures;

	IGenericClient scheduler;

	LocalDate day = SchedulingFixtures.monday(20);

	@BeforeEach
	void setUp() {
		fixtures = new SchedulingFixtures(schedules, availability, patients);
		scheduler = FhirTestSupport.client(port, "scheduler");
	}

	static Appointment booking(PatientId patient, Slot... slots) {
		Appointment appointment = new Appointment();
		appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
		appointment.addParticipant()
			.setActor(new Reference("Patient/" + patient.asString()))
			.setStatus(Appointment.ParticipationStatus.ACCEPTED);
		for (Slot slot : slots) {
			appointment.addSlot(new Reference("Slot/" + slot.id().asString()));
		}
		appointment.setComment("Nuchter komen");
		return appointment;
	}

	record Consultation(Schedule physician, Schedule room, List<Slot> physicianSlots, List<Slot> roomSlots) {
	}

	Consultation consultation(String department) {
		Schedule physician = fixtures.schedule(department, ActorKind.PRACTITIONER, AppointmentType.CONSULTATION, day,
				LocalTime.of(9, 0), LocalTime.of(10, 0), 20);
		Schedule room = fixtures.schedule(department, ActorKind.LOCATION, AppointmentType.CONSULTATION, day,
				LocalTime.of(9, 0), LocalTime.of(10, 0), 20);
		return new Consultation(physician, room, fixtures.slots(physician.id(), day), fixtures.slots(room.id(), day));
	}

	@Test
	void schedulerBooksByCreatingAnAppointmentThatReferencesFreeSlots() {
		Consultation c = consultation(SchedulingFixtures.department());
		PatientId patient = fixtures.patient();

		MethodOutcome outcome = scheduler.create()
			.resource(booking(patient, c.physicianSlots().get(0), c.roomSlots().get(0)))
			.execute();

		assertThat(outcome.getCreated()).isTrue();
		Appointment read = scheduler.read().resource(Appointment.class).withId(outcome.getId().getIdPart()).execute();
		FhirTestSupport.assertValid(read);
		assertThat(read.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
		assertThat(read.getStart().toInstant()).isEqualTo(SchedulingFixtures.at(day, 9, 0));
		assertThat(read.getMinutesDuration()).isEqualTo(20);
		assertThat(read.getSlot()).hasSize(2);
		assertThat(read.getParticipant()).extracting(p -> p.getActor().getReference())
			.containsExactlyInAnyOrder("Patient/" + patient.asString(), c.physician().actorReference(),
					c.room().actorReference());
		assertThat(read.getServiceTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("consultation");
		org.hl7.fhir.r4.model.Slot slot = scheduler.read()
			.resource(org.hl7.fhir.r4.model.Slot.class)
			.withId(c.roomSlots().get(0).id().asString())
			.execute();
		FhirTestSupport.assertValid(slot);
		assertThat(slot.getStatus()).isEqualTo(org.hl7.fhir.r4.model.Slot.SlotStatus.BUSY);
		assertThat(jdbc
			.sql("select count(*) from audit_log where resource_type = 'Appointment' and resource_id = :id "
					+ "and patient_id = :patient and username = 'scheduler'")
			.param("id", outcome.getId().getIdPart())
			.param("patient", patient.asString())
			.query(Integer.class)
			.single()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void aTakenSlotIs409AndSlotsThatDoNotFitAre422() {
		Consultation c = consultation(SchedulingFixtures.department());
		scheduler.create()
			.resource(booking(fixtures.patient(), c.physicianSlots().get(0), c.roomSlots().get(0)))
			.execute();
		PatientId other = fixtures.patient();

		assertOutcome(
				failure(scheduler.create().resource(booking(other, c.physicianSlots().get(0), c.roomSlots().get(0)))),
				409, "already booked");
		assertOutcome(
				failure(scheduler.create().resource(booking(other, c.physicianSlots().get(1), c.roomSlots().get(2)))),
				422, "same time");
		Appointment wrongTime = booking(other, c.physicianSlots().get(1), c.roomSlots().get(1));
		wrongTime.setStart(java.util.Date.from(SchedulingFixtures.at(day, 11, 0)));
		assertOutcome(failure(scheduler.create().resource(wrongTime)), 422, "must be those of slot");
		Appointment unknownSlot = booking(other);
		unknownSlot.addSlot(new Reference("Slot/987654321"));
		assertOutcome(failure(scheduler.create().resource(unknownSlot)), 422, "No slot with id 987654321");
		Appointment noPatient = new Appointment();
		noPatient.setStatus(Appointment.AppointmentStatus.BOOKED);
		noPatient.addSlot(new Reference("Slot/" + c.roomSlots().get(1).id().asString()));
		noPatient.addParticipant()
			.setActor(new Reference(c.room().actorReference()))
			.setStatus(Appointment.ParticipationStatus.ACCEPTED);
		assertOutcome(failure(scheduler.create().resource(noPatient)), 422, "Patient");
		assertThat(jdbc.sql("select count(*) from sched_appointment where patient_id = :p")
			.param("p", other.value())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void statusChangesWithIfMatchAndIllegalOnesRefused() {
		Consultation c = consultation(SchedulingFixtures.department());
		IGenericClient radiographer = FhirTestSupport.client(port, "radiographer");
		Appointment booked = (Appointment) scheduler.create()
			.resource(booking(fixtures.patient(), c.physicianSlots().get(1), c.roomSlots().get(1)))
			.execute()
			.getResource();

		Appointment stale = booked.copy();
		stale.setStatus(Appointment.AppointmentStatus.ARRIVED);
		stale.setId(booked.getIdElement().withVersion("7"));
		assertOutcome(failure(radiographer.update().resource(stale).withId(stale.getIdElement())), 412, "version 1");

		booked.setStatus(Appointment.AppointmentStatus.ARRIVED);
		Appointment arrived = (Appointment) radiographer.update()
			.resource(booked)
			.withId(booked.getIdElement())
			.execute()
			.getResource();
		assertThat(arrived.getStatus()).isEqualTo(Appointment.AppointmentStatus.ARRIVED);
		assertThat(arrived.getMeta().getVersionId()).isEqualTo("2");
		Appointment first = scheduler.read()
			.resource(Appointment.class)
			.withIdAndVersion(booked.getIdElement().getIdPart(), "1")
			.execute();
		FhirTestSupport.assertValid(first);
		assertThat(first.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
		Bundle history = scheduler.history()
			.onInstance(booked.getIdElement().toUnqualifiedVersionless())
			.returnBundle(Bundle.class)
			.execute();
		assertThat(history.getEntry()).extracting(e -> ((Appointment) e.getResource()).getStatus())
			.containsExactly(Appointment.AppointmentStatus.ARRIVED, Appointment.AppointmentStatus.BOOKED);
		assertOutcome(failure(
				scheduler.read().resource(Appointment.class).withIdAndVersion(booked.getIdElement().getIdPart(), "9")),
				404, "No version 9");

		arrived.setStatus(Appointment.AppointmentStatus.NOSHOW);
		assertOutcome(failure(radiographer.update().resource(arrived).withId(arrived.getIdElement())), 409,
				"cannot become noshow");

		arrived.setStatus(Appointment.AppointmentStatus.CANCELLED);
		assertOutcome(failure(radiographer.update().resource(arrived).withId(arrived.getIdElement())), 403,
				"create Appointment");
		assertOutcome(failure(scheduler.update().resource(arrived).withId(arrived.getIdElement())), 422,
				"needs a reason");
		arrived.setCancelationReason(new CodeableConcept().setText("Patiënt onwel"));
		Appointment cancelled = (Appointment) scheduler.update()
			.resource(arrived)
			.withId(arrived.getIdElement())
			.execute()
			.getResource();
		FhirTestSupport.assertValid(cancelled);
		assertThat(cancelled.getCancelationReason().getText()).isEqualTo("Patiënt onwel");
		assertThat(availability.get(c.roomSlots().get(1).id()).status()).isEqualTo(SlotStatus.FREE);
	}

	@Test
	void searchesByPatientDateStatusActorAndLocation() {
		Consultation c = consultation(SchedulingFixtures.department());
		PatientId patient = fixtures.patient();
		scheduler.create().resource(booking(patient, c.physicianSlots().get(0), c.roomSlots().get(0))).execute();
		scheduler.create().resource(booking(patient, c.physicianSlots().get(2), c.roomSlots().get(2))).execute();
		IGenericClient physician = FhirTestSupport.client(port, "physician");

		assertThat(search(physician, "patient=Patient/" + patient.asString())).hasSize(2);
		assertThat(search(physician, "patient=" + patient.asString() + "&date=ge" + SchedulingFixtures.at(day, 9, 30)))
			.hasSize(1);
		assertThat(search(physician, "actor=" + c.physician().actorReference() + "&status=booked")).hasSize(2);
		assertThat(search(physician, "actor=" + c.physician().actorReference() + "&status=cancelled")).isEmpty();
		assertThat(search(physician, "location=" + c.room().actorReference())).hasSize(2);
		assertThat(search(physician, "actor=Patient/" + patient.asString() + "&date=" + day)).hasSize(2);
		search(physician, "patient=" + patient.asString()).forEach(FhirTestSupport::assertValid);
		Bundle withPatient = physician.search()
			.byUrl("Appointment?patient=" + patient.asString() + "&_include=Appointment:patient")
			.returnBundle(Bundle.class)
			.execute();
		assertThat(withPatient.getEntry()).extracting(e -> e.getResource().fhirType() + ":" + e.getSearch().getMode())
			.as("both appointments, and their patient once")
			.containsExactlyInAnyOrder("Appointment:MATCH", "Appointment:MATCH", "Patient:INCLUDE");
	}

	@Test
	void clinicianReadsButCannotBookAndUnknownIdsAre404() {
		Consultation c = consultation(SchedulingFixtures.department());
		IGenericClient nurse = FhirTestSupport.client(port, "nurse");

		assertOutcome(failure(
				nurse.create().resource(booking(fixtures.patient(), c.physicianSlots().get(0), c.roomSlots().get(0)))),
				403, "");
		assertThat(availability.get(c.roomSlots().get(0).id()).status()).isEqualTo(SlotStatus.FREE);
		assertOutcome(failure(nurse.read().resource(Appointment.class).withId("987654321")), 404, "987654321");
		assertOutcome(failure(nurse.read().resource(Appointment.class).withId("abc")), 404, "abc");
	}

	@Test
	void fiftyConcurrentFhirClientsRacingForOneSlotGiveOne201AndForty9Conflicts() throws Exception {
		Schedule sampling = fixtures.schedule(SchedulingFixtures.department(), ActorKind.LOCATION,
				AppointmentType.BLOOD_SAMPLING, day, LocalTime.of(7, 0), LocalTime.of(7, 10), 10);
		Slot slot = fixtures.slots(sampling.id(), day).get(0);
		List<Appointment> requests = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			requests.add(booking(fixtures.patient(), slot));
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(50);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (Appointment request : requests) {
				statuses.add(pool.submit(() -> {
					start.await();
					try {
						scheduler.create().resource(request).execute();
						return 201;
					}
					catch (BaseServerResponseException ex) {
						assertThat(((OperationOutcome) ex.getOperationOutcome()).getIssueFirstRep().getDiagnostics())
							.contains("already booked");
						return ex.getStatusCode();
					}
				}));
			}
			start.countDown();
			List<Integer> answered = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				answered.add(status.get(2, TimeUnit.MINUTES));
			}
			assertThat(answered).filteredOn(s -> s == 201).hasSize(1);
			assertThat(answered).filteredOn(s -> s == 409).hasSize(49);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(jdbc.sql("select count(*) from sched_booking where slot_id = :s and active")
			.param("s", slot.id().value())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	List<Appointment> search(IGenericClient client, String query) {
		Bundle bundle = client.search().byUrl("Appointment?" + query).returnBundle(Bundle.class).execute();
		return bundle.getEntry().stream().map(e -> (Appointment) e.getResource()).toList();
	}

	static BaseServerResponseException failure(IClientExecutable<?, ?> request) {
		return catchThrowableOfType(BaseServerResponseException.class, request::execute);
	}

	static void assertOutcome(BaseServerResponseException failure, int status, String text) {
		assertThat(failure).as("expected HTTP %s", status).isNotNull();
		assertThat(failure.getStatusCode()).isEqualTo(status);
		OperationOutcome outcome = (OperationOutcome) failure.getOperationOutcome();
		assertThat(outcome).isNotNull();
		FhirTestSupport.assertValid(outcome);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(text);
	}

}
