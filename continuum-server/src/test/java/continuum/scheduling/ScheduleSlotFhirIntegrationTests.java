package continuum.scheduling;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import continuum.patients.PatientService;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static continuum.scheduling.AppointmentFhirIntegrationTests.assertOutcome;
import static continuum.scheduling.AppointmentFhirIntegrationTests.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schedules and slots through FHIR R4: administrators keep schedules, schedulers add and
 * block slots, everyone clinical searches them; every resource validates against R4.
 */
@ContinuumIntegrationTest
class ScheduleSlotFhirIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ScheduleService schedules;

	@Autowired
	AvailabilityService availability;

	@Autowired
	PatientService patients;

	SchedulingFixtures fixtures;

	LocalDate day = SchedulingFixtures.monday(50);

	@BeforeEach
	void setUp() {
		fixtures = new SchedulingFixtures(schedules, availability, patients);
	}

	@Test
	void adminOpensAndClosesAScheduleAndCliniciansFindIt() {
		IGenericClient admin = FhirTestSupport.client(port, "admin");
		String department = SchedulingFixtures.department();
		Schedule resource = new Schedule();
		resource.addActor(new Reference("Device/us-" + department).setDisplay("Echografie 3"));
		resource.addSpecialty(new CodeableConcept(new Coding("urn:continuum:department", department, null)));

		MethodOutcome created = admin.create().resource(resource).execute();
		Schedule read = admin.read().resource(Schedule.class).withId(created.getId().getIdPart()).execute();
		FhirTestSupport.assertValid(read);
		assertThat(read.getActive()).isTrue();
		assertThat(read.getActorFirstRep().getDisplay()).isEqualTo("Echografie 3");

		read.setActive(false);
		Schedule closed = (Schedule) admin.update().resource(read).withId(read.getIdElement()).execute().getResource();
		assertThat(closed.getActive()).isFalse();
		assertOutcome(failure(admin.update().resource(read).withId(read.getIdElement())), 412, "version");

		IGenericClient nurse = FhirTestSupport.client(port, "nurse");
		Bundle found = nurse.search()
			.byUrl("Schedule?specialty=" + department + "&active=false")
			.returnBundle(Bundle.class)
			.execute();
		assertThat(found.getEntry()).hasSize(1);
		assertThat(nurse.search()
			.byUrl("Schedule?actor=Device/us-" + department)
			.returnBundle(Bundle.class)
			.execute()
			.getEntry()).hasSize(1);
		assertOutcome(failure(nurse.create().resource(resource)), 403, "");
		Schedule noActor = new Schedule();
		noActor.addSpecialty(new CodeableConcept().setText(department));
		assertOutcome(failure(admin.create().resource(noActor)), 422, "actor");
	}

	@Test
	void slotSearchByScheduleStartStatusAndServiceType() {
		String department = SchedulingFixtures.department();
		continuum.scheduling.Schedule ct = fixtures.schedule(department, ActorKind.DEVICE, AppointmentType.CT, day,
				LocalTime.of(8, 0), LocalTime.of(9, 0), 20);
		availability.setBlocked(fixtures.slots(ct.id(), day).get(2).id(), true, null);
		IGenericClient physician = FhirTestSupport.client(port, "physician");
		// The template also generated slots up to the horizon from today: stay on the
		// day.
		String base = "Slot?schedule=Schedule/" + ct.id().asString() + "&start=" + day;

		assertThat(slots(physician, base)).hasSize(3).allSatisfy(FhirTestSupport::assertValid);
		assertThat(slots(physician, base + "&status=free")).hasSize(2);
		Bundle firstPage = physician.search().byUrl(base + "&_count=2").returnBundle(Bundle.class).execute();
		assertThat(firstPage.getEntry()).hasSize(2);
		assertThat(firstPage.hasTotal()).as("no count of every match on a full page").isFalse();
		Bundle lastPage = physician.loadPage().next(firstPage).execute();
		assertThat(lastPage.getEntry()).hasSize(1);
		assertThat(lastPage.getTotal()).isEqualTo(3);
		assertThat(lastPage.getLink(Bundle.LINK_NEXT)).isNull();
		assertThat(slots(physician, base + "&status=busy-unavailable")).hasSize(1);
		Bundle withSchedule = physician.search()
			.byUrl(base + "&_count=2&_include=Slot:schedule")
			.returnBundle(Bundle.class)
			.execute();
		assertThat(withSchedule.getEntry()).extracting(e -> e.getResource().fhirType() + ":" + e.getSearch().getMode())
			.as("a page of two slots and their schedule once")
			.containsExactly("Slot:MATCH", "Slot:MATCH", "Schedule:INCLUDE");
		assertThat(withSchedule.getEntry().get(2).getResource().getIdElement().getIdPart())
			.isEqualTo(ct.id().asString());
		assertThat(withSchedule.getLink(Bundle.LINK_NEXT)).as("the next page is linked as without includes")
			.isNotNull();
		Bundle counted = physician.search()
			.byUrl(base + "&_total=accurate&_include=Slot:schedule")
			.returnBundle(Bundle.class)
			.execute();
		assertThat(counted.getTotal()).isEqualTo(3);
		assertThat(counted.getEntry()).filteredOn(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
			.hasSize(1);
		assertThat(slots(physician, base + "&service-type=" + AppointmentType.SYSTEM + "|ct")).hasSize(3);
		assertThat(slots(physician, base + "&service-type=mri")).isEmpty();
		assertThat(slots(physician, "Slot?schedule=Schedule/" + ct.id().asString() + "&start=ge"
				+ SchedulingFixtures.at(day, 8, 20) + "&start=lt" + SchedulingFixtures.at(day, 8, 40)))
			.hasSize(1);
		assertThat(slots(physician, "Slot?schedule=" + ct.id().asString() + "&start=" + day.plusDays(1))).isEmpty();
	}

	@Test
	void schedulerAddsAndBlocksSlotsButCannotMakeThemBusy() {
		continuum.scheduling.Schedule room = fixtures.schedule(SchedulingFixtures.department(), ActorKind.LOCATION,
				AppointmentType.BLOOD_SAMPLING, day, LocalTime.of(7, 0), LocalTime.of(7, 30), 10);
		IGenericClient scheduler = FhirTestSupport.client(port, "scheduler");
		Slot extra = new Slot();
		extra.setSchedule(new Reference("Schedule/" + room.id().asString()));
		extra.addServiceType(new CodeableConcept(new Coding(AppointmentType.SYSTEM, "blood-sampling", null)));
		extra.setStatus(Slot.SlotStatus.FREE);
		extra.setStart(Date.from(SchedulingFixtures.at(day, 7, 30)));
		extra.setEnd(Date.from(SchedulingFixtures.at(day, 7, 40)));

		Slot backwards = extra.copy();
		backwards.setEnd(Date.from(SchedulingFixtures.at(day, 7, 20)));
		assertOutcome(failure(scheduler.create().resource(backwards)), 422, "ends after it starts");
		Slot noSchedule = extra.copy();
		noSchedule.setSchedule(null);
		assertOutcome(failure(scheduler.create().resource(noSchedule)), 422, "Schedule/<id>");
		Slot noType = extra.copy();
		noType.getServiceType().clear();
		assertOutcome(failure(scheduler.create().resource(noType)), 422, "serviceType");
		assertThat(fixtures.slots(room.id(), day)).hasSize(3);

		Slot created = (Slot) scheduler.create().resource(extra).execute().getResource();
		FhirTestSupport.assertValid(created);
		assertOutcome(failure(scheduler.create().resource(extra)), 409, "overlapping");

		created.setStatus(Slot.SlotStatus.BUSYUNAVAILABLE);
		Slot blocked = (Slot) scheduler.update()
			.resource(created)
			.withId(created.getIdElement())
			.execute()
			.getResource();
		assertThat(blocked.getStatus()).isEqualTo(Slot.SlotStatus.BUSYUNAVAILABLE);
		blocked.setStatus(Slot.SlotStatus.BUSY);
		assertOutcome(failure(scheduler.update().resource(blocked).withId(blocked.getIdElement())), 422, "by booking");
		assertOutcome(failure(FhirTestSupport.client(port, "admin").create().resource(extra)), 403, "");
		assertOutcome(failure(scheduler.read().resource(Slot.class).withId("987654321")), 404, "987654321");
	}

	List<Slot> slots(IGenericClient client, String url) {
		return client.search()
			.byUrl(url)
			.returnBundle(Bundle.class)
			.execute()
			.getEntry()
			.stream()
			.map(e -> (Slot) e.getResource())
			.toList();
	}

}
