package continuum.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import continuum.ContinuumIntegrationTest;
import continuum.imaging.ImagingFixtures;
import continuum.imaging.ImagingOrder;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.ResultService;
import continuum.lab.SpecimenService;
import continuum.lab.fhir.LabFhirFixtures;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.privacy.RestrictionKind;
import continuum.privacy.RestrictionService;
import continuum.scheduling.AppointmentType;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Reference;
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
 * vread and {@code _history} of the resources whose tables now keep their versions:
 * laboratory and radiology ServiceRequests, Locations, Schedules and Slots, over HTTP,
 * after real changes (an order cancelled over FHIR, a bed closed, a ward renamed in the
 * database, a schedule closed, a slot blocked and freed). {@code _since}, paging, unknown
 * versions, restricted records, audit, and the versions kept for what was there before.
 */
@ContinuumIntegrationTest
class OrdersLocationsHistoryIntegrationTests {

	static final String BED_STATUS = "http://terminology.hl7.org/CodeSystem/v2-0116";

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	LabOrderService orders;

	@Autowired
	SpecimenService specimens;

	@Autowired
	ResultService results;

	@Autowired
	ImagingFixtures imaging;

	@Autowired
	RestrictionService restrictions;

	@Autowired
	JdbcClient jdbc;

	LabFhirFixtures lab;

	HistoryHttp physician;

	@BeforeEach
	void setUp() {
		lab = new LabFhirFixtures(patients, orders, specimens, results);
		physician = new HistoryHttp(port, "physician");
	}

	/**
	 * Cancels a ServiceRequest over FHIR as the chart's user does, at the version read.
	 */
	static ServiceRequest cancel(IGenericClient client, String id) {
		ServiceRequest read = client.read().resource(ServiceRequest.class).withId(id).execute();
		read.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
		read.addNote(new Annotation().setText("Dubbel aangevraagd"));
		return (ServiceRequest) client.update().resource(read).execute().getResource();
	}

	@Test
	void aLaboratoryOrderItemKeepsItsVersionsFromPlacementToCancellation() throws Exception {
		PatientId patient = lab.patient();
		LabOrder order = lab.order(patient, "1988-5");
		String item = LabFhirFixtures.item(order, "1988-5").asString();
		ServiceRequest cancelled = cancel(FhirTestSupport.client(port, "physician"), item);
		assertThat(cancelled.getMeta().getVersionId()).isEqualTo("2");

		Bundle history = physician.history("ServiceRequest/" + item + "/_history");

		assertThat(history.getTotal()).isEqualTo(2);
		assertThat(HistoryHttp.versions(history)).containsExactly("2", "1");
		assertThat(HistoryHttp.methods(history)).containsExactly(Bundle.HTTPVerb.PUT, Bundle.HTTPVerb.POST);
		ServiceRequest newest = (ServiceRequest) history.getEntry().get(0).getResource();
		assertThat(newest.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.REVOKED);
		ServiceRequest placed = physician.read(ServiceRequest.class, "ServiceRequest/" + item + "/_history/1");
		assertThat(placed.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
		assertThat(placed.getNote()).extracting(Annotation::getText).containsExactly("Koorts");
		assertThat(placed.getSpecimen()).isNotEmpty();
		physician.refused("ServiceRequest/" + item + "/_history/3", 404);
		physician.refused("ServiceRequest/987654321/_history", 404);
		assertThat(jdbc.sql("""
				select count(*) from audit_log where resource_type = 'ServiceRequest' and resource_id = :id
				  and action = 'READ' and detail = 'history: 2 of 2 versions'""")
			.param("id", item)
			.query(Integer.class)
			.single()).isEqualTo(1);

		restrictions.restrict(patient, RestrictionKind.VIP);
		physician.refused("ServiceRequest/" + item + "/_history", 403);
		physician.refused("ServiceRequest/" + item + "/_history/1", 403);
	}

	@Test
	void aRadiologyRequestKeepsItsVersionsAndTheTypesHistoryMergesBothDepartments() throws Exception {
		Instant before = Instant.now().minusSeconds(1);
		PatientId patient = imaging.patient("Janssens", "Lotte");
		ImagingOrder order = imaging.order(patient, "36643-5", null);
		String id = order.procedures().get(0).serviceRequestId();
		cancel(FhirTestSupport.client(port, "physician"), id);
		PatientId restricted = lab.patient();
		String hiddenItem = LabFhirFixtures.item(lab.order(restricted, "1988-5"), "1988-5").asString();
		restrictions.restrict(restricted, RestrictionKind.VIP);
		String labItem = LabFhirFixtures.item(lab.order(lab.patient(), "2106-3"), "2106-3").asString();

		Bundle history = physician.history("ServiceRequest/" + id + "/_history");
		assertThat(HistoryHttp.versions(history)).containsExactly("2", "1");
		HistoryHttp.assertNewestFirst(history);
		ServiceRequest placed = physician.read(ServiceRequest.class, "ServiceRequest/" + id + "/_history/1");
		assertThat(placed.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
		assertThat(placed.getNote()).isEmpty();
		physician.refused("ServiceRequest/" + id + "/_history/3", 404);

		String since = HistoryHttp.instant(before);
		Bundle all = physician.history("ServiceRequest/_history?_count=500&_since=" + since);
		assertThat(HistoryHttp.ids(all)).contains(id, labItem).doesNotContain(hiddenItem);
		HistoryHttp.assertNewestFirst(all);
		Bundle first = physician.history("ServiceRequest/_history?_count=2&_since=" + since);
		Bundle second = physician.history(HistoryHttp.next(first));
		java.util.List<String> paged = new java.util.ArrayList<>(HistoryHttp.versionKeys(first));
		paged.addAll(HistoryHttp.versionKeys(second));
		assertThat(paged).hasSize(Math.min(4, all.getTotal()))
			.containsExactlyElementsOf(HistoryHttp.versionKeys(all).subList(0, paged.size()));
		assertThat(first.getTotal()).isEqualTo(all.getTotal());
		assertThat(jdbc.sql("""
				select count(*) from audit_log where resource_type = 'ServiceRequest' and action = 'SEARCH'
				  and patient_id = :patient and detail like 'history:%'""")
			.param("patient", patient.asString())
			.query(Integer.class)
			.single()).isPositive();
	}

	static Location place(String physicalType, String code) {
		Location location = new Location();
		location.getPhysicalType()
			.addCoding(new Coding("http://terminology.hl7.org/CodeSystem/location-physical-type", physicalType, null));
		location.addAlias(code);
		return location;
	}

	@Test
	void wardsRoomsAndBedsKeepEveryVersionWhoeverWritesThem() throws Exception {
		Instant before = Instant.now().minusSeconds(1);
		IGenericClient admin = FhirTestSupport.client(port, "admin");
		String code = "TH" + (System.nanoTime() % 1_000_000);
		Location wardIn = place("wa", code);
		wardIn.setName("Historiek " + code);
		wardIn.addType().setText("Cardiology");
		Location ward = (Location) admin.create().resource(wardIn).execute().getResource();
		Location roomIn = place("ro", "1");
		roomIn.setPartOf(new Reference("Location/" + ward.getIdElement().getIdPart()));
		Location room = (Location) admin.create().resource(roomIn).execute().getResource();
		Location bedIn = place("bd", "1A");
		bedIn.setPartOf(new Reference("Location/" + room.getIdElement().getIdPart()));
		Location bed = (Location) admin.create().resource(bedIn).execute().getResource();
		String bedId = bed.getIdElement().getIdPart();
		bed.setOperationalStatus(new Coding(BED_STATUS, "C", null));
		Location closed = (Location) admin.update().resource(bed).execute().getResource();
		assertThat(closed.getMeta().getVersionId()).isEqualTo("2");
		// A write outside the API (an operator's SQL) is a version too.
		jdbc.sql("update adt_ward set name = :name where code = :code")
			.param("name", "Hartbewaking " + code)
			.param("code", code)
			.update();

		Bundle bedHistory = physician.history("Location/" + bedId + "/_history");
		assertThat(HistoryHttp.versions(bedHistory)).containsExactly("2", "1");
		assertThat(((Location) bedHistory.getEntry().get(0).getResource()).getOperationalStatus().getCode())
			.isEqualTo("C");
		HistoryHttp.assertNewestFirst(bedHistory);
		Location open = physician.read(Location.class, "Location/" + bedId + "/_history/1");
		assertThat(open.getOperationalStatus().getCode()).isEqualTo("U");
		String wardId = ward.getIdElement().getIdPart();
		Location renamed = physician.read(Location.class, "Location/" + wardId);
		assertThat(renamed.getName()).isEqualTo("Hartbewaking " + code);
		assertThat(renamed.getMeta().getVersionId()).isEqualTo("2");
		assertThat(physician.read(Location.class, "Location/" + wardId + "/_history/1").getName())
			.isEqualTo("Historiek " + code);
		physician.refused("Location/" + wardId + "/_history/3", 404);
		physician.refused("Location/bed-987654321/_history", 404);

		Bundle all = physician.history("Location/_history?_count=500&_since=" + HistoryHttp.instant(before));
		assertThat(HistoryHttp.versionKeys(all)).contains("Location/" + wardId + "/_history/2",
				"Location/" + wardId + "/_history/1", "Location/" + room.getIdElement().getIdPart() + "/_history/1",
				"Location/" + bedId + "/_history/2", "Location/" + bedId + "/_history/1");
		HistoryHttp.assertNewestFirst(all);
	}

	@Test
	void whatTheDatabaseHeldBeforeIsKeptAsTheVersionItIsAt() throws Exception {
		for (String type : new String[] { "Location", "Schedule", "Slot", "ServiceRequest" }) {
			HistoryHttp reader = new HistoryHttp(port,
					"Slot".equals(type) || "Schedule".equals(type) ? "scheduler" : "physician");
			Bundle some = FhirTestSupport.context()
				.newJsonParser()
				.parseResource(Bundle.class, reader.get(type + "?_count=1").body());
			String id = some.getEntryFirstRep().getResource().getIdElement().getIdPart();
			String version = some.getEntryFirstRep().getResource().getMeta().getVersionId();
			Bundle history = reader.history(type + "/" + id + "/_history?_count=1");
			assertThat(HistoryHttp.versions(history)).as(type + "/" + id).containsExactly(version);
			assertThat(history.getTotal()).isPositive();
		}
	}

	@Test
	void theCapabilityStatementDeclaresVreadAndBothHistoriesForEveryVersionedType() throws Exception {
		org.hl7.fhir.r4.model.CapabilityStatement statement = FhirTestSupport.context()
			.newJsonParser()
			.parseResource(org.hl7.fhir.r4.model.CapabilityStatement.class, physician.get("metadata").body());
		for (String type : new String[] { "Observation", "DiagnosticReport", "ServiceRequest", "Location", "Schedule",
				"Slot", "Encounter", "Appointment", "Patient" }) {
			assertThat(statement.getRestFirstRep()
				.getResource()
				.stream()
				.filter(r -> r.getType().equals(type))
				.findFirst()
				.orElseThrow()
				.getInteraction()).as(type)
				.extracting(i -> i.getCode().toCode())
				.contains("read", "vread", "history-instance", "history-type");
		}
	}

	@Test
	void everyTypesHistoryTakesSince() throws Exception {
		String since = HistoryHttp.instant(Instant.parse("2020-01-01T00:00:00Z"));
		for (String type : new String[] { "Encounter", "Appointment", "Location", "Schedule", "Slot", "ServiceRequest",
				"Observation", "DiagnosticReport" }) {
			HistoryHttp reader = new HistoryHttp(port,
					"Appointment".equals(type) || "Slot".equals(type) || "Schedule".equals(type) ? "scheduler"
							: "physician");
			Bundle page = reader.history(type + "/_history?_count=3&_since=" + since);
			assertThat(page.getEntry()).as(type).hasSize(3);
			HistoryHttp.assertNewestFirst(page);
		}
	}

	@Test
	void schedulesAndSlotsKeepTheirVersions() throws Exception {
		Instant before = Instant.now().minusSeconds(1);
		IGenericClient admin = FhirTestSupport.client(port, "admin");
		String department = "hist-" + (System.nanoTime() % 1_000_000);
		Schedule resource = new Schedule();
		resource.addActor(new Reference("Device/us-" + department).setDisplay("Echografie 9"));
		resource.addSpecialty(new CodeableConcept(new Coding("urn:continuum:department", department, null)));
		String scheduleId = admin.create().resource(resource).execute().getId().getIdPart();

		IGenericClient scheduler = FhirTestSupport.client(port, "scheduler");
		LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(400);
		Slot slot = new Slot();
		slot.setSchedule(new Reference("Schedule/" + scheduleId));
		slot.addServiceType(new CodeableConcept(new Coding(AppointmentType.SYSTEM, "blood-sampling", null)));
		slot.setStatus(Slot.SlotStatus.FREE);
		slot.setStart(Date.from(day.atTime(7, 30).toInstant(ZoneOffset.UTC)));
		slot.setEnd(Date.from(day.atTime(7, 40).toInstant(ZoneOffset.UTC)));
		Slot created = (Slot) scheduler.create().resource(slot).execute().getResource();
		created.setStatus(Slot.SlotStatus.BUSYUNAVAILABLE);
		Slot blocked = (Slot) scheduler.update()
			.resource(created)
			.withId(created.getIdElement())
			.execute()
			.getResource();
		blocked.setStatus(Slot.SlotStatus.FREE);
		scheduler.update().resource(blocked).withId(blocked.getIdElement()).execute();
		Schedule read = admin.read().resource(Schedule.class).withId(scheduleId).execute();
		read.setActive(false);
		admin.update().resource(read).withId(read.getIdElement()).execute();

		HistoryHttp reader = new HistoryHttp(port, "scheduler");
		String slotId = created.getIdElement().getIdPart();
		Bundle slotHistory = reader.history("Slot/" + slotId + "/_history");
		assertThat(HistoryHttp.versions(slotHistory)).containsExactly("3", "2", "1");
		assertThat(slotHistory.getEntry()).extracting(e -> ((Slot) e.getResource()).getStatus())
			.containsExactly(Slot.SlotStatus.FREE, Slot.SlotStatus.BUSYUNAVAILABLE, Slot.SlotStatus.FREE);
		HistoryHttp.assertNewestFirst(slotHistory);
		assertThat(reader.read(Slot.class, "Slot/" + slotId + "/_history/2").getStatus())
			.isEqualTo(Slot.SlotStatus.BUSYUNAVAILABLE);
		Bundle scheduleHistory = reader.history("Schedule/" + scheduleId + "/_history");
		assertThat(HistoryHttp.versions(scheduleHistory)).containsExactly("2", "1");
		assertThat(reader.read(Schedule.class, "Schedule/" + scheduleId + "/_history/1").getActive()).isTrue();
		reader.refused("Schedule/" + scheduleId + "/_history/3", 404);
		// A free slot removed when its schedule's slots are generated again (the same
		// statement, here by hand): its deletion is its last version.
		jdbc.sql("delete from sched_slot where id = ? and status = 'FREE'").param(Long.parseLong(slotId)).update();
		Bundle deleted = reader.history("Slot/" + slotId + "/_history");
		assertThat(HistoryHttp.versions(deleted)).containsExactly("4", "3", "2", "1");
		assertThat(HistoryHttp.methods(deleted)).containsExactly(Bundle.HTTPVerb.DELETE, Bundle.HTTPVerb.PUT,
				Bundle.HTTPVerb.PUT, Bundle.HTTPVerb.POST);
		assertThat(deleted.getEntryFirstRep().hasResource()).isFalse();
		reader.refused("Slot/" + slotId + "/_history/4", 410);
		reader.refused("Slot/" + slotId, 404);
		reader.refused("Slot/" + slotId + "/_history/5", 404);
		reader.refused("Slot/987654321/_history", 404);

		String since = HistoryHttp.instant(before);
		Bundle first = reader.history("Slot/_history?_count=2&_since=" + since);
		assertThat(first.getEntry()).hasSize(2);
		Bundle second = reader.history(HistoryHttp.next(first));
		java.util.List<String> paged = new java.util.ArrayList<>(HistoryHttp.versionKeys(first));
		paged.addAll(HistoryHttp.versionKeys(second));
		assertThat(paged).doesNotHaveDuplicates();
		assertThat(HistoryHttp.versionKeys(reader.history("Slot/_history?_count=500&_since=" + since)))
			.contains("Slot/" + slotId + "/_history/1", "Slot/" + slotId + "/_history/3");
		assertThat(HistoryHttp.versionKeys(reader.history("Schedule/_history?_count=500&_since=" + since)))
			.contains("Schedule/" + scheduleId + "/_history/2");
	}

}
