package continuum.fhir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;

import continuum.ContinuumIntegrationTest;
import continuum.patients.PatientId;
import continuum.privacy.RestrictionKind;
import continuum.privacy.RestrictionService;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON Patch (R4 http.html#patch) on the types that have an update besides the patient
 * record: Encounter, Appointment, Schedule, Slot, Location and ServiceRequest. Each patch
 * goes through the type's own update (its rules, version check and audit), alone and in a
 * transaction Bundle, and every kind of bad patch is refused in the specification's form
 * without changing anything.
 */
@ContinuumIntegrationTest
class PatchOrdersSchedulingIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RestrictionService restrictions;

	FhirHttp physician;

	FhirHttp nurse;

	FhirHttp admin;

	FhirHttp scheduler;

	@BeforeEach
	void signIn() {
		physician = new FhirHttp(port, "physician");
		nurse = new FhirHttp(port, "nurse");
		admin = new FhirHttp(port, "admin");
		scheduler = new FhirHttp(port, "scheduler");
	}

	static String unique() {
		return Long.toString(System.nanoTime() % 1_000_000_000L, 26).replaceAll("[0-9]", "x");
	}

	String patient() throws Exception {
		Patient patient = new Patient();
		patient.addName().setFamily("Pleister" + unique()).addGiven("Mila");
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		patient.setBirthDateElement(new DateType("1984-03-02"));
		return created(physician.post("Patient", patient), Patient.class);
	}

	String plannedEncounter(String patient) throws Exception {
		Encounter encounter = new Encounter();
		encounter.setStatus(Encounter.EncounterStatus.PLANNED);
		encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", null));
		encounter.setSubject(new Reference("Patient/" + patient));
		encounter.getPeriod().setStart(Date.from(Instant.now().plus(Duration.ofDays(7))));
		return created(nurse.post("Encounter", encounter), Encounter.class);
	}

	static <T extends Resource> String created(HttpResponse<String> response, Class<T> type) {
		return FhirHttp.resource(response, 201, type).getIdElement().getIdPart();
	}

	<T extends Resource> T read(FhirHttp client, String path, Class<T> type) throws Exception {
		return FhirHttp.resource(client.send("GET", path, null, null), 200, type);
	}

	int audited(String user, String action, String type, String id) {
		return jdbc
			.sql("select count(*) from audit_log where username = :user and action = :action "
					+ "and resource_type = :type and resource_id = :id and outcome = 'SUCCESS'")
			.param("user", user)
			.param("action", action)
			.param("type", type)
			.param("id", id)
			.query(Integer.class)
			.single();
	}

	@Test
	void anEncounterIsPatchedThroughItsUpdateAtTheVersionItHad() throws Exception {
		String encounter = plannedEncounter(patient());

		HttpResponse<String> response = nurse.patch("Encounter/" + encounter,
				"[{'op':'test','path':'/status','value':'planned'},{'op':'replace','path':'/status','value':'cancelled'}]",
				"If-Match", "W/\"1\"");

		Encounter patched = FhirHttp.resource(response, 200, Encounter.class);
		assertThat(patched.getStatus()).isEqualTo(Encounter.EncounterStatus.CANCELLED);
		assertThat(patched.getMeta().getVersionId()).isEqualTo("2");
		assertThat(read(nurse, "Encounter/" + encounter, Encounter.class).getStatus())
			.isEqualTo(Encounter.EncounterStatus.CANCELLED);
		assertThat(audited("nurse", "UPDATE", "Encounter", encounter)).isEqualTo(1);
		FhirTestSupport.assertValid(patched);
		// The patch now names a version that is no longer current.
		FhirHttp.outcome(nurse.patch("Encounter/" + encounter, "[{'op':'replace','path':'/status','value':'finished'}]",
				"If-Match", "W/\"1\""), 412);
	}

	@Test
	void badPatchesAreRefusedInTheSpecificationsFormAndChangeNothing() throws Exception {
		String encounter = plannedEncounter(patient());
		String path = "Encounter/" + encounter;

		FhirHttp.outcome(nurse.patch(path, "{'op':'replace'}"), 400);
		FhirHttp.outcome(nurse.patch(path, "[{'op':'frobnicate','path':'/status'}]"), 400);
		FhirHttp.outcome(nurse.patch(path, "[{'op':'replace','path':'status','value':'cancelled'}]"), 400);
		FhirHttp.outcome(nurse.patch(path, "[{'op':'test','path':'/status','value':'finished'}]"), 422);
		FhirHttp.outcome(nurse.patch(path, "[{'op':'remove','path':'/location/4'}]"), 422);
		FhirHttp.outcome(nurse.patch(path, "[{'op':'replace','path':'/status','value':'asleep'}]"), 422);
		FhirHttp.outcome(nurse.patch(path, "[{'op':'add','path':'/colour','value':'blue'}]"), 422);
		FhirHttp.outcome(nurse.patch(path, "[{'op':'replace','path':'/id','value':'1'}]"), 422);
		// A rule of the model: the class of an encounter never changes.
		assertThat(FhirHttp.outcome(nurse.patch(path, "[{'op':'replace','path':'/class/code','value':'AMB'}]"), 422))
			.contains("class");
		FhirHttp.outcome(nurse.send("PATCH", path, FhirHttp.FHIR_JSON, "{\"resourceType\":\"Parameters\"}"), 415);
		FhirHttp.outcome(nurse.patch("Encounter/999999999999", "[{'op':'replace','path':'/status','value':'x'}]"), 404);
		// Conditional patch is not served: a patch names its resource by id.
		assertThat(FhirHttp.outcome(
				nurse.patch("Encounter?_id=" + encounter, "[{'op':'replace','path':'/status','value':'cancelled'}]"),
				405))
			.contains("by id");
		assertThat(FhirHttp.outcome(physician.patch("Patient?_id=" + encounter, "[]"), 405)).contains("by id");

		assertThat(read(nurse, path, Encounter.class).getMeta().getVersionId()).isEqualTo("1");
		assertThat(audited("nurse", "UPDATE", "Encounter", encounter)).isZero();
	}

	@Test
	void theEncounterOfARestrictedRecordIsNotPatched() throws Exception {
		String patient = patient();
		String encounter = plannedEncounter(patient);
		restrictions.restrict(new PatientId(Long.parseLong(patient)), RestrictionKind.VIP);

		FhirHttp.outcome(
				nurse.patch("Encounter/" + encounter, "[{'op':'replace','path':'/status','value':'cancelled'}]"), 403);

		assertThat(jdbc.sql("select status || ' ' || version from adt_encounter where id = :id")
			.param("id", Long.parseLong(encounter))
			.query(String.class)
			.single()).isEqualTo("PLANNED 1");
		assertThat(jdbc
			.sql("select count(*) from audit_log where username = 'nurse' and patient_id = :patient "
					+ "and outcome = 'DENIED'")
			.param("patient", patient)
			.query(Integer.class)
			.single()).isPositive();
	}

	@Test
	void schedulesSlotsAndAppointmentsArePatchedByThoseWhoMayUpdateThem() throws Exception {
		Booking booking = book(patient());

		Schedule closed = FhirHttp.resource(
				admin.patch("Schedule/" + booking.schedule(), "[{'op':'replace','path':'/active','value':false}]"), 200,
				Schedule.class);
		assertThat(closed.getActive()).isFalse();
		assertThat(closed.getMeta().getVersionId()).isEqualTo("2");
		FhirHttp.outcome(
				nurse.patch("Schedule/" + booking.schedule(), "[{'op':'replace','path':'/active','value':true}]"), 403);

		Slot blocked = FhirHttp.resource(
				scheduler.patch("Slot/" + booking.freeSlot(),
						"[{'op':'replace','path':'/status','value':'busy-unavailable'}]", "If-Match", "W/\"1\""),
				200, Slot.class);
		assertThat(blocked.getStatus()).isEqualTo(Slot.SlotStatus.BUSYUNAVAILABLE);
		assertThat(FhirHttp.outcome(
				scheduler.patch("Slot/" + booking.freeSlot(), "[{'op':'replace','path':'/status','value':'busy'}]"),
				422))
			.contains("booking");

		Appointment cancelled = FhirHttp.resource(scheduler.patch("Appointment/" + booking.appointment(),
				"[{'op':'replace','path':'/status','value':'cancelled'},"
						+ "{'op':'add','path':'/cancelationReason','value':{'text':'Patient called to cancel'}}]"),
				200, Appointment.class);
		assertThat(cancelled.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
		assertThat(audited("scheduler", "UPDATE", "Appointment", booking.appointment())).isEqualTo(1);
		FhirTestSupport.assertValid(cancelled);
	}

	@Test
	void aBedsOperationalStatusIsPatchedAndNothingElseOfALocation() throws Exception {
		String code = "TP" + (System.nanoTime() % 1_000_000);
		Location ward = place("wa", code);
		ward.setName("Patchafdeling " + code);
		ward.addType().setText("Cardiology");
		String wardId = created(admin.post("Location", ward), Location.class);
		Location room = place("ro", "14");
		room.setPartOf(new Reference("Location/" + wardId));
		String roomId = created(admin.post("Location", room), Location.class);
		Location bed = place("bd", "14A");
		bed.setPartOf(new Reference("Location/" + roomId));
		String bedId = created(admin.post("Location", bed), Location.class);

		Location closedBed = FhirHttp.resource(admin.patch("Location/" + bedId,
				"[{'op':'test','path':'/operationalStatus/code','value':'U'},"
						+ "{'op':'replace','path':'/operationalStatus/code','value':'C'}]",
				"If-Match", "W/\"1\""), 200, Location.class);
		assertThat(closedBed.getOperationalStatus().getCode()).isEqualTo("C");
		assertThat(closedBed.getStatus()).isEqualTo(Location.LocationStatus.SUSPENDED);
		assertThat(closedBed.getMeta().getVersionId()).isEqualTo("2");

		assertThat(FhirHttp
			.outcome(admin.patch("Location/" + wardId, "[{'op':'replace','path':'/name','value':'Andere naam'}]"), 422))
			.contains("Only a bed");
		FhirHttp.outcome(admin.patch("Location/" + bedId, "[{'op':'replace','path':'/name','value':'Ander bed'}]"),
				422);
		assertThat(read(admin, "Location/" + bedId, Location.class).getMeta().getVersionId()).isEqualTo("2");
	}

	@Test
	void aLaboratoryOrderIsCancelledByPatchWithItsReason() throws Exception {
		ServiceRequest order = new ServiceRequest();
		order.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
		order.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
		order.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", "108252007", null)));
		order.setCode(new CodeableConcept(new Coding("http://loinc.org", "1988-5", null)));
		order.setSubject(new Reference("Patient/" + patient()));
		order.addNote(new Annotation().setText("Koorts"));
		String id = created(physician.post("ServiceRequest", order), ServiceRequest.class);

		assertThat(FhirHttp.outcome(
				physician.patch("ServiceRequest/" + id, "[{'op':'replace','path':'/status','value':'completed'}]"),
				422))
			.contains("only cancels");
		ServiceRequest revoked = FhirHttp.resource(physician.patch("ServiceRequest/" + id,
				"[{'op':'replace','path':'/status','value':'revoked'},"
						+ "{'op':'add','path':'/note/-','value':{'text':'Dubbel aangevraagd'}}]",
				"If-Match", "W/\"1\""), 200, ServiceRequest.class);

		assertThat(revoked.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.REVOKED);
		assertThat(revoked.getNote()).extracting(Annotation::getText)
			.containsExactly("Koorts", "Cancelled: Dubbel aangevraagd");
		assertThat(revoked.getMeta().getVersionId()).isEqualTo("2");
		assertThat(audited("physician", "UPDATE", "ServiceRequest", id)).isEqualTo(1);
		FhirHttp.outcome(nurse.patch("ServiceRequest/" + id, "[{'op':'replace','path':'/status','value':'active'}]"),
				403);
	}

	@Test
	void patchesInATransactionCommitTogetherOrNotAtAll() throws Exception {
		Booking booking = book(patient());
		Bundle failing = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		patchEntry(failing, "Slot/" + booking.freeSlot(),
				"[{'op':'replace','path':'/status','value':'busy-unavailable'}]");
		patchEntry(failing, "Appointment/" + booking.appointment(),
				"[{'op':'test','path':'/status','value':'arrived'},{'op':'replace','path':'/status','value':'noshow'}]");

		assertThat(FhirHttp.outcome(scheduler.post("", failing), 422)).contains("Bundle.entry[1]");
		assertThat(read(scheduler, "Slot/" + booking.freeSlot(), Slot.class).getMeta().getVersionId()).isEqualTo("1");

		Bundle both = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		patchEntry(both, "Slot/" + booking.freeSlot(), "[{'op':'replace','path':'/status','value':'busy-unavailable'}]")
			.getRequest()
			.setIfMatch("W/\"1\"");
		patchEntry(both, "Appointment/" + booking.appointment(),
				"[{'op':'replace','path':'/status','value':'cancelled'},"
						+ "{'op':'add','path':'/cancelationReason','value':{'text':'Toestel defect'}}]");
		Bundle response = FhirHttp.resource(scheduler.post("", both), 200, Bundle.class);

		assertThat(response.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
		assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus())
			.containsExactly("200 OK", "200 OK");
		assertThat(response.getEntry().get(0).getResponse().getEtag()).isEqualTo("W/\"2\"");
		assertThat(read(scheduler, "Slot/" + booking.freeSlot(), Slot.class).getStatus())
			.isEqualTo(Slot.SlotStatus.BUSYUNAVAILABLE);
		assertThat(read(scheduler, "Appointment/" + booking.appointment(), Appointment.class).getStatus())
			.isEqualTo(Appointment.AppointmentStatus.CANCELLED);
	}

	@Test
	void theCapabilityStatementDeclaresPatchOnEveryTypeWithUpdate() throws Exception {
		CapabilityStatement statement = FhirHttp.resource(physician.send("GET", "metadata", null, null), 200,
				CapabilityStatement.class);
		for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : statement.getRestFirstRep()
			.getResource()) {
			boolean update = resource.getInteraction().stream().anyMatch(i -> i.getCode().toCode().equals("update"));
			boolean patch = resource.getInteraction().stream().anyMatch(i -> i.getCode().toCode().equals("patch"));
			if (!"Subscription".equals(resource.getType())) {
				assertThat(patch).as(resource.getType() + " patch").isEqualTo(update);
			}
		}
		assertThat(statement.getRestFirstRep().getResource())
			.filteredOn(r -> r.getInteraction().stream().anyMatch(i -> i.getCode().toCode().equals("patch")))
			.extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
			.contains("Encounter", "Appointment", "Schedule", "Slot", "Location", "ServiceRequest");
	}

	static Bundle.BundleEntryComponent patchEntry(Bundle bundle, String url, String patch) {
		Binary binary = new Binary();
		binary.setContentType(FhirHttp.JSON_PATCH);
		binary.setData(patch.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
		Bundle.BundleEntryComponent entry = bundle.addEntry().setResource(binary);
		entry.getRequest().setMethod(Bundle.HTTPVerb.PATCH).setUrl(url);
		return entry;
	}

	static Location place(String kind, String code) {
		Location place = new Location();
		place.setPhysicalType(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/location-physical-type", kind, null)));
		place.addAlias(code);
		return place;
	}

	/**
	 * A schedule of its own with two ultrasound slots, the first booked for the patient.
	 */
	record Booking(String schedule, String bookedSlot, String freeSlot, String appointment) {
	}

	Booking book(String patient) throws Exception {
		String department = "PATCH-" + unique();
		Schedule schedule = new Schedule();
		schedule.addActor(new Reference("Device/us-" + department).setDisplay("Echografie " + department));
		schedule.addSpecialty(new CodeableConcept(new Coding("urn:continuum:department", department, null)));
		String scheduleId = created(admin.post("Schedule", schedule), Schedule.class);
		Instant start = LocalDate.now(ZoneOffset.UTC).plusDays(40).atTime(10, 0).toInstant(ZoneOffset.UTC);
		String booked = slot(scheduleId, start);
		String free = slot(scheduleId, start.plus(Duration.ofMinutes(20)));
		Appointment appointment = new Appointment();
		appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
		appointment.addParticipant()
			.setActor(new Reference("Patient/" + patient))
			.setStatus(Appointment.ParticipationStatus.ACCEPTED);
		appointment.addSlot(new Reference("Slot/" + booked));
		String appointmentId = created(scheduler.post("Appointment", appointment), Appointment.class);
		return new Booking(scheduleId, booked, free, appointmentId);
	}

	String slot(String schedule, Instant start) throws Exception {
		Slot slot = new Slot();
		slot.setSchedule(new Reference("Schedule/" + schedule));
		slot.addServiceType(new CodeableConcept(new Coding("urn:continuum:appointment-type", "ultrasound", null)));
		slot.setStatus(Slot.SlotStatus.FREE);
		slot.setStart(Date.from(start));
		slot.setEnd(Date.from(start.plus(Duration.ofMinutes(20))));
		return created(scheduler.post("Slot", slot), Slot.class);
	}

}
