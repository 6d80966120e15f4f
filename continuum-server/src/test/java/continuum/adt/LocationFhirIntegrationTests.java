package continuum.adt;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import continuum.changes.ChangeFeed;
import continuum.patients.PatientService;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import continuum.ContinuumIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FHIR Location and Practitioner, and the R4 validity of every Encounter, Location and
 * Practitioner the API emits over the demo hospital.
 */
@ContinuumIntegrationTest
class LocationFhirIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LocationRepository locations;

	@Autowired
	PatientService patients;

	@Autowired
	AdmissionService admissions;

	@Autowired
	LocationService locationService;

	@Autowired
	ChangeFeed feed;

	@Autowired
	JdbcClient jdbc;

	IGenericClient nurse;

	@BeforeEach
	void setUp() throws Exception {
		nurse = FhirClients.client(port, "nurse");
	}

	@Test
	void readsWardRoomAndBedAsLocationsWithPhysicalTypeAndBedStatus() {
		AdtFixtures.TestWard ward = new AdtFixtures(locations, patients).ward(2);
		admissions.admit(new Admission(new AdtFixtures(locations, patients).patient(), ward.beds().get(0),
				EncounterClass.INPATIENT, null, null, null));
		locations.setStatus(ward.beds().get(1), BedStatus.HOUSEKEEPING, null);
		Location wardLocation = nurse.read().resource(Location.class).withId("ward-" + ward.id()).execute();
		assertThat(wardLocation.getPhysicalType().getCodingFirstRep().getCode()).isEqualTo("wa");
		assertThat(wardLocation.getName()).isEqualTo("Testafdeling " + ward.code());
		Location room = nurse.read().resource(Location.class).withId("room-" + ward.roomId()).execute();
		assertThat(room.getPhysicalType().getCodingFirstRep().getCode()).isEqualTo("ro");
		assertThat(room.getPartOf().getReference()).isEqualTo("Location/ward-" + ward.id());
		Location occupied = nurse.read().resource(Location.class).withId("bed-" + ward.beds().get(0).value()).execute();
		assertThat(occupied.getPhysicalType().getCodingFirstRep().getCode()).isEqualTo("bd");
		assertThat(occupied.getOperationalStatus().getCode()).isEqualTo("O");
		assertThat(occupied.getPartOf().getReference()).isEqualTo("Location/room-" + ward.roomId());
		Location cleaning = nurse.read().resource(Location.class).withId("bed-" + ward.beds().get(1).value()).execute();
		assertThat(cleaning.getOperationalStatus().getCode()).isEqualTo("H");
		for (Location location : List.of(wardLocation, room, occupied, cleaning)) {
			assertThat(R4Validation.errors(location)).isEmpty();
		}
	}

	@Test
	void adminClosesAnEmptyBedButNotAnOccupiedOneAndNursesMayNot() throws Exception {
		AdtFixtures.TestWard ward = new AdtFixtures(locations, patients).ward(2);
		admissions.admit(new Admission(new AdtFixtures(locations, patients).patient(), ward.beds().get(0),
				EncounterClass.INPATIENT, null, null, null));
		IGenericClient admin = FhirClients.client(port, "admin");
		Location empty = admin.read().resource(Location.class).withId("bed-" + ward.beds().get(1).value()).execute();
		empty.setOperationalStatus(new Coding("http://terminology.hl7.org/CodeSystem/v2-0116", "C", "Closed"));
		Location closed = (Location) admin.update().resource(empty).execute().getResource();
		assertThat(closed.getOperationalStatus().getCode()).isEqualTo("C");
		assertThat(closed.getStatus()).isEqualTo(Location.LocationStatus.SUSPENDED);
		assertThat(R4Validation.errors(closed)).isEmpty();

		Location occupied = admin.read().resource(Location.class).withId("bed-" + ward.beds().get(0).value()).execute();
		occupied.setOperationalStatus(new Coding("http://terminology.hl7.org/CodeSystem/v2-0116", "H", null));
		EncounterFhirIntegrationTests.assertOutcome(
				EncounterFhirIntegrationTests.failure(admin.update().resource(occupied)), 409, "is occupied");
		EncounterFhirIntegrationTests
			.assertOutcome(EncounterFhirIntegrationTests.failure(nurse.update().resource(empty)), 403, "Not allowed");
		Location wardLocation = admin.read().resource(Location.class).withId("ward-" + ward.id()).execute();
		EncounterFhirIntegrationTests.assertOutcome(
				EncounterFhirIntegrationTests.failure(admin.update().resource(wardLocation)), 422, "Only a bed");
	}

	/**
	 * An admin sets up a new unit over FHIR: a ward, a room in it, beds in the room (one
	 * starting closed). Each answers 201 with a valid Location, shows in the searches and
	 * the ward's free beds, and goes into the change feed without a patient.
	 */
	@Test
	void adminAddsAWardARoomAndBedsThatStaffCanThenUse() throws Exception {
		IGenericClient admin = FhirClients.client(port, "admin");
		String code = "N" + (System.nanoTime() % 1_000_000);
		Location wardIn = place("wa", code);
		wardIn.setName("Nieuwe eenheid " + code);
		wardIn.addType().setText("Cardiology");
		MethodOutcome wardOut = admin.create().resource(wardIn).execute();
		assertThat(wardOut.getCreated()).isTrue();
		Location ward = (Location) wardOut.getResource();
		assertThat(ward.getIdElement().getIdPart()).startsWith("ward-");
		assertThat(ward.getName()).isEqualTo("Nieuwe eenheid " + code);
		assertThat(ward.getTypeFirstRep().getText()).isEqualTo("Cardiology");

		Location roomIn = place("ro", "12");
		roomIn.setPartOf(new Reference("Location/" + ward.getIdElement().getIdPart()));
		Location room = (Location) admin.create().resource(roomIn).execute().getResource();
		assertThat(room.getName()).isEqualTo("Room 12 (" + code + ")");
		assertThat(room.getPartOf().getReference()).isEqualTo("Location/" + ward.getIdElement().getIdPart());

		Location open = bed(room, "12A");
		open.setName("Bed 12A (" + code + ")");
		Location openBed = (Location) admin.create().resource(open).execute().getResource();
		Location closed = bed(room, "12B");
		closed.setOperationalStatus(new Coding("http://terminology.hl7.org/CodeSystem/v2-0116", "C", null));
		MethodOutcome closedOut = admin.create().resource(closed).execute();
		Location closedBed = (Location) closedOut.getResource();
		assertThat(openBed.getOperationalStatus().getCode()).isEqualTo("U");
		assertThat(openBed.getMeta().getVersionId()).isEqualTo("1");
		assertThat(closedBed.getOperationalStatus().getCode()).isEqualTo("C");
		assertThat(closedBed.getStatus()).isEqualTo(Location.LocationStatus.SUSPENDED);
		assertThat(closedOut.getId().getValue()).endsWith(closedBed.getIdElement().getIdPart() + "/_history/1");
		for (Location location : List.of(ward, room, openBed, closedBed)) {
			assertThat(R4Validation.errors(location)).isEmpty();
			assertThat(nurse.read()
				.resource(Location.class)
				.withId(location.getIdElement().getIdPart())
				.execute()
				.getName()).isEqualTo(location.getName());
		}

		Bundle beds = nurse.search()
			.forResource(Location.class)
			.where(Location.PARTOF.hasId("Location/" + room.getIdElement().getIdPart()))
			.returnBundle(Bundle.class)
			.execute();
		assertThat(beds.getEntry()).extracting(e -> ((Location) e.getResource()).getAlias().get(0).getValue())
			.containsExactly("12A", "12B");
		assertThat(locationService.freeBeds(code)).extracting(BedLocation::code).containsExactly("12A");
		feed.sequencePending();
		assertThat(jdbc.sql("""
				select resource_id || ' ' || operation || ' ' || coalesce(patient_id, '-') from change_feed
				where resource_type = 'Location' and resource_id in (:ids) and seq is not null order by seq""")
			.param("ids",
					List.of(ward, room, openBed, closedBed).stream().map(l -> l.getIdElement().getIdPart()).toList())
			.query(String.class)
			.list()).containsExactly(ward.getIdElement().getIdPart() + " CREATE -",
					room.getIdElement().getIdPart() + " CREATE -", openBed.getIdElement().getIdPart() + " CREATE -",
					closedBed.getIdElement().getIdPart() + " CREATE -");
	}

	/**
	 * Each mistake in a new place is refused with its reason, and nothing is added; only
	 * admins may add places.
	 */
	@Test
	void aNewPlaceThatBreaksARuleIsRefusedWithItsReasonAndAddsNothing() throws Exception {
		IGenericClient admin = FhirClients.client(port, "admin");
		AdtFixtures.TestWard ward = new AdtFixtures(locations, patients).ward(1);
		String wardRef = "Location/ward-" + ward.id();
		String roomRef = "Location/room-" + ward.roomId();
		int before = placeCount();

		Location noType = place("wa", "Z1");
		noType.setPhysicalType(null);
		noType.setName("Zonder type");
		assertRefused(admin, noType, 422, "physicalType must be wa");
		Location noCode = place("wa", "Z2");
		noCode.setAlias(null);
		noCode.setName("Zonder code");
		assertRefused(admin, noCode, 422, "alias");
		Location noName = place("wa", "Z3");
		noName.addType().setText("Surgery");
		assertRefused(admin, noName, 422, "needs a name");
		Location noSpecialty = place("wa", "Z4");
		noSpecialty.setName("Zonder dienst");
		noSpecialty.addType().setText("Astrology");
		assertRefused(admin, noSpecialty, 422, "specialty");
		Location longCode = place("wa", "Z".repeat(17));
		longCode.setName("Te lang");
		longCode.addType().setText("Surgery");
		assertRefused(admin, longCode, 422, "1 to 16");
		Location takenWard = place("wa", ward.code());
		takenWard.setName("Dubbel");
		takenWard.addType().setText("Surgery");
		assertRefused(admin, takenWard, 409, "already exists");

		Location orphanRoom = place("ro", "77");
		assertRefused(admin, orphanRoom, 422, "must be part of a ward");
		Location roomInBed = place("ro", "77");
		roomInBed.setPartOf(new Reference("Location/bed-" + ward.beds().get(0).value()));
		assertRefused(admin, roomInBed, 422, "must be part of a ward");
		Location roomInNoWard = place("ro", "77");
		roomInNoWard.setPartOf(new Reference("Location/ward-999999999"));
		assertRefused(admin, roomInNoWard, 422, "No ward ward-999999999");
		Location takenRoom = place("ro", "901");
		takenRoom.setPartOf(new Reference(wardRef));
		assertRefused(admin, takenRoom, 409, "already exists in " + wardRef.substring(9));
		Location misnamedRoom = place("ro", "78");
		misnamedRoom.setPartOf(new Reference(wardRef));
		misnamedRoom.setName("De grote zaal");
		assertRefused(admin, misnamedRoom, 422, "is named from its code");

		Location bedInWard = place("bd", "77A");
		bedInWard.setPartOf(new Reference(wardRef));
		assertRefused(admin, bedInWard, 422, "must be part of a room");
		Location occupiedBed = place("bd", "77B");
		occupiedBed.setPartOf(new Reference(roomRef));
		occupiedBed.setOperationalStatus(new Coding("http://terminology.hl7.org/CodeSystem/v2-0116", "O", null));
		assertRefused(admin, occupiedBed, 422, "nobody lies in it yet");
		Location takenBed = place("bd", "901A");
		takenBed.setPartOf(new Reference(roomRef));
		assertRefused(admin, takenBed, 409, "already exists");
		Location roomWithStatus = place("ro", "79");
		roomWithStatus.setPartOf(new Reference(wardRef));
		roomWithStatus.setOperationalStatus(new Coding("http://terminology.hl7.org/CodeSystem/v2-0116", "C", null));
		assertRefused(admin, roomWithStatus, 422, "Only a bed");

		Location allowed = place("bd", "77C");
		allowed.setPartOf(new Reference(roomRef));
		assertRefused(nurse, allowed, 403, "Not allowed");
		assertThat(placeCount()).isEqualTo(before);
	}

	private static Location place(String physicalType, String code) {
		Location location = new Location();
		location.setPhysicalType(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/location-physical-type", physicalType, null)));
		location.addAlias(code);
		return location;
	}

	private static Location bed(Location room, String code) {
		Location bed = place("bd", code);
		bed.setPartOf(new Reference("Location/" + room.getIdElement().getIdPart()));
		return bed;
	}

	private static void assertRefused(IGenericClient client, Location location, int status, String text) {
		EncounterFhirIntegrationTests
			.assertOutcome(EncounterFhirIntegrationTests.failure(client.create().resource(location)), status, text);
	}

	private int placeCount() {
		return jdbc.sql("select count(*) from adt_place").query(Integer.class).single();
	}

	/**
	 * Two clerks who read the bed at the same version: the first change wins, the second
	 * gets 412 and changes nothing; each change raises the version and the ETag.
	 */
	@Test
	void bedStatusChangesHonourIfMatch() throws Exception {
		AdtFixtures.TestWard ward = new AdtFixtures(locations, patients).ward(1);
		IGenericClient admin = FhirClients.client(port, "admin");
		String bedId = "bed-" + ward.beds().get(0).value();
		Location first = admin.read().resource(Location.class).withId(bedId).execute();
		Location second = admin.read().resource(Location.class).withId(bedId).execute();
		String version = first.getIdElement().getVersionIdPart();
		assertThat(version).isNotNull().isEqualTo(first.getMeta().getVersionId());

		first.setOperationalStatus(new Coding("http://terminology.hl7.org/CodeSystem/v2-0116", "C", "Closed"));
		Location closed = (Location) admin.update()
			.resource(first)
			.withId(first.getIdElement())
			.execute()
			.getResource();
		assertThat(closed.getOperationalStatus().getCode()).isEqualTo("C");
		assertThat(Integer.parseInt(closed.getIdElement().getVersionIdPart())).isEqualTo(Integer.parseInt(version) + 1);

		second.setOperationalStatus(new Coding("http://terminology.hl7.org/CodeSystem/v2-0116", "H", null));
		EncounterFhirIntegrationTests.assertOutcome(
				EncounterFhirIntegrationTests.failure(admin.update().resource(second).withId(second.getIdElement())),
				412, "has changed since version " + version);
		Location now = admin.read().resource(Location.class).withId(bedId).execute();
		assertThat(now.getOperationalStatus().getCode()).isEqualTo("C");
		assertThat(now.getIdElement().getVersionIdPart()).isEqualTo(closed.getIdElement().getVersionIdPart());

		second.setId(second.getIdElement().withVersion("x"));
		EncounterFhirIntegrationTests.assertOutcome(
				EncounterFhirIntegrationTests.failure(admin.update().resource(second).withId(second.getIdElement())),
				400, "not a version number");
		// Without If-Match the change applies to whatever version is current.
		now.setOperationalStatus(new Coding("http://terminology.hl7.org/CodeSystem/v2-0116", "U", null));
		now.setId(bedId);
		Location reopened = (Location) admin.update().resource(now).execute().getResource();
		assertThat(reopened.getOperationalStatus().getCode()).isEqualTo("U");
		assertThat(R4Validation.errors(reopened)).isEmpty();
	}

	@Test
	void capabilityStatementListsTheAdtInteractionsAndSearchParameters() {
		CapabilityStatement capabilities = nurse.capabilities().ofType(CapabilityStatement.class).execute();
		CapabilityStatement.CapabilityStatementRestResourceComponent encounter = resource(capabilities, "Encounter");
		assertThat(encounter.getInteraction()).extracting(i -> i.getCode().toCode())
			.contains("read", "vread", "create", "update", "search-type");
		assertThat(encounter.getSearchParam()).extracting(p -> p.getName())
			.contains("patient", "subject", "location", "status", "date");
		assertThat(encounter.getSearchInclude()).extracting(i -> i.getValue()).contains("Encounter:patient");
		assertThat(resource(capabilities, "Location").getSearchParam()).extracting(p -> p.getName())
			.contains("name", "type", "partof");
		assertThat(resource(capabilities, "Location").getInteraction()).extracting(i -> i.getCode().toCode())
			.contains("read", "create", "update", "search-type");
		assertThat(resource(capabilities, "Practitioner").getSearchParam()).extracting(p -> p.getName())
			.contains("name");
	}

	private static CapabilityStatement.CapabilityStatementRestResourceComponent resource(
			CapabilityStatement capabilities, String type) {
		return capabilities.getRestFirstRep()
			.getResource()
			.stream()
			.filter(r -> r.getType().equals(type))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void unknownLocationIs404WithOperationOutcome() {
		EncounterFhirIntegrationTests.assertOutcome(
				EncounterFhirIntegrationTests.failure(nurse.read().resource(Location.class).withId("bed-99999999")),
				404, "bed-99999999");
		EncounterFhirIntegrationTests.assertOutcome(
				EncounterFhirIntegrationTests.failure(nurse.read().resource(Location.class).withId("kitchen")), 404,
				"kitchen");
	}

	@Test
	void searchesLocationsByNameTypeAndPartOf() {
		Bundle cardiology = nurse.search()
			.forResource(Location.class)
			.where(Location.NAME.matches().value("cardiologie"))
			.returnBundle(Bundle.class)
			.execute();
		assertThat(cardiology.getEntry()).extracting(e -> ((Location) e.getResource()).getName())
			.contains("Cardiologie 3A");
		Bundle wards = nurse.search()
			.forResource(Location.class)
			.where(Location.TYPE.exactly().code("wa"))
			.count(100)
			.returnBundle(Bundle.class)
			.execute();
		assertThat(wards.getTotal()).isGreaterThanOrEqualTo(10);
		assertThat(wards.getEntry())
			.allSatisfy(e -> assertThat(((Location) e.getResource()).getPhysicalType().getCodingFirstRep().getCode())
				.isEqualTo("wa"));
		Bundle icu = nurse.search()
			.forResource(Location.class)
			.where(Location.TYPE.exactly().systemAndCode("http://terminology.hl7.org/CodeSystem/v3-RoleCode", "ICU"))
			.count(100)
			.returnBundle(Bundle.class)
			.execute();
		assertThat(icu.getTotal()).isGreaterThan(16);
		String icuWard = wards.getEntry()
			.stream()
			.map(e -> (Location) e.getResource())
			.filter(l -> l.getTypeFirstRep().getCodingFirstRep().getCode().equals("ICU"))
			.findFirst()
			.orElseThrow()
			.getIdElement()
			.getIdPart();
		Bundle rooms = nurse.search()
			.forResource(Location.class)
			.where(Location.PARTOF.hasId("Location/" + icuWard))
			.count(100)
			.returnBundle(Bundle.class)
			.execute();
		assertThat(rooms.getTotal()).isEqualTo(16);
		assertThat(rooms.getEntry()).allSatisfy(e -> assertThat(((Location) e.getResource()).getPartOf().getReference())
			.isEqualTo("Location/" + icuWard));
		Bundle withWard = nurse.search()
			.byUrl("Location?partof=Location/" + icuWard + "&_count=5&_include=Location:partof")
			.returnBundle(Bundle.class)
			.execute();
		assertThat(withWard.getEntry()).filteredOn(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
			.hasSize(5);
		assertThat(withWard.getEntry()).filteredOn(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
			.extracting(e -> e.getResource().getIdElement().getIdPart())
			.as("the ward, once")
			.containsExactly(icuWard);
	}

	@Test
	void demoHospitalHasTenWardsWithAboutTwoHundredFiftyBeds() {
		Bundle beds = nurse.search()
			.forResource(Location.class)
			.where(Location.TYPE.exactly().code("bd"))
			.and(Location.NAME.matches().value("("))
			.count(1)
			.returnBundle(Bundle.class)
			.execute();
		long demoWards = locations.wards().stream().filter(w -> !w.code().startsWith("T")).count();
		assertThat(demoWards).isEqualTo(10);
		assertThat(beds.getTotal()).isGreaterThanOrEqualTo(250);
	}

	@Test
	void readsAndSearchesPractitioners() {
		Bundle found = nurse.search()
			.forResource(Practitioner.class)
			.where(Practitioner.NAME.matches().value("peeters"))
			.returnBundle(Bundle.class)
			.execute();
		assertThat(found.getEntry()).singleElement().satisfies(e -> {
			Practitioner practitioner = (Practitioner) e.getResource();
			assertThat(practitioner.getNameFirstRep().getFamily()).isEqualTo("Peeters");
			assertThat(practitioner.getIdentifierFirstRep().getValue()).isEqualTo("physician");
		});
		String id = found.getEntry().get(0).getResource().getIdElement().getIdPart();
		Practitioner read = nurse.read().resource(Practitioner.class).withId(id).execute();
		assertThat(read.getNameFirstRep().getPrefixAsSingleString()).isEqualTo("Dr.");
		EncounterFhirIntegrationTests.assertOutcome(
				EncounterFhirIntegrationTests.failure(nurse.read().resource(Practitioner.class).withId("99999999")),
				404, "99999999");
		Bundle byUsername = nurse.search()
			.forResource(Practitioner.class)
			.where(Practitioner.IDENTIFIER.exactly().systemAndCode("urn:continuum:username", "physician"))
			.returnBundle(Bundle.class)
			.execute();
		assertThat(byUsername.getEntry()).singleElement()
			.satisfies(e -> assertThat(e.getResource().getIdElement().getIdPart()).isEqualTo(id));
		Bundle page = nurse.search().forResource(Practitioner.class).count(5).returnBundle(Bundle.class).execute();
		assertThat(page.getEntry()).hasSize(5);
		Bundle next = nurse.loadPage().next(page).execute();
		assertThat(next.getEntry()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
		assertThat(next.getEntryFirstRep().getResource().getIdElement().getIdPart())
			.isNotEqualTo(page.getEntryFirstRep().getResource().getIdElement().getIdPart());
	}

	@Test
	void everyEncounterLocationAndPractitionerOverTheDemoDataValidatesAgainstR4() throws Exception {
		List<IBaseResource> emitted = new ArrayList<>();
		emitted.addAll(all(Location.class));
		emitted.addAll(all(Practitioner.class));
		// Every encounter, restricted patients' included: the system client, which
		// restrictions do not bind (a nurse's search leaves out the restricted records
		// outside her care, docs/security.md).
		nurse = FhirClients.client(port, "interface");
		List<IBaseResource> encounters = all(Encounter.class);
		emitted.addAll(encounters);
		assertThat(encounters).hasSizeGreaterThan(100);
		List<String> errors = new ArrayList<>();
		for (IBaseResource resource : emitted) {
			R4Validation.errors(resource)
				.forEach(error -> errors.add(resource.getIdElement().toUnqualifiedVersionless() + " " + error));
		}
		assertThat(errors).isEmpty();
	}

	@Test
	void validatorReportsAnEncounterWithoutStatusOrClass() {
		Encounter broken = new Encounter();
		broken.setId("Encounter/1");
		Location badBed = new Location();
		badBed.setOperationalStatus(new Coding("http://terminology.hl7.org/CodeSystem/v2-0116", "ZZ", null));
		assertThat(R4Validation.errors(broken)).anyMatch(e -> e.contains("status")).anyMatch(e -> e.contains("class"));
		assertThat(R4Validation.errors(badBed)).isNotEmpty();
	}

	private List<IBaseResource> all(Class<? extends IBaseResource> type) {
		List<IBaseResource> resources = new ArrayList<>();
		Bundle page = nurse.search().forResource(type).count(500).returnBundle(Bundle.class).execute();
		while (true) {
			page.getEntry().forEach(e -> resources.add(e.getResource()));
			if (page.getLink(Bundle.LINK_NEXT) == null) {
				return resources;
			}
			page = nurse.loadPage().next(page).execute();
		}
	}

}
