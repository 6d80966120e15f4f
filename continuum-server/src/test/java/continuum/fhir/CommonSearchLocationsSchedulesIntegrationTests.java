package continuum.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import continuum.ContinuumIntegrationTest;
import continuum.scheduling.AppointmentType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static continuum.fhir.SearchHttp.at;
import static continuum.fhir.SearchHttp.ids;
import static continuum.fhir.SearchHttp.outcome;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parameters every type has on Location (wards, rooms and beds of three tables),
 * Schedule and Slot, with {@code partof:missing} and {@code type:text} on Location and
 * {@code service-type:text} on Slot, through HTTP: {@code _id}, {@code _lastUpdated}
 * where the type keeps it, {@code _sort}, paging, {@code _summary}, {@code _total}, and
 * the 400 OperationOutcomes for what is not served.
 */
@ContinuumIntegrationTest
class CommonSearchLocationsSchedulesIntegrationTests {

	static final String PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type";

	@LocalServerPort
	int port;

	SearchHttp nurse;

	@BeforeEach
	void clients() {
		nurse = new SearchHttp(port, "nurse");
	}

	static String unique(String prefix) {
		return prefix + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
	}

	static Location place(String physicalType, String code) {
		Location location = new Location();
		location.setPhysicalType(new CodeableConcept(new Coding(PHYSICAL_TYPE, physicalType, null)));
		location.addAlias(code);
		return location;
	}

	/** A ward "Unit <code>", a room in it and a bed in the room, created by an admin. */
	record Ward(String code, String ward, String room, String bed) {
	}

	Ward ward() {
		IGenericClient admin = FhirTestSupport.client(port, "admin");
		// Test wards start with T: the demo hospital's wards are counted apart from them.
		String code = unique("TZQ");
		Location ward = place("wa", code);
		ward.setName("Unit " + code);
		ward.addType(new CodeableConcept().setText("Cardiology"));
		String wardId = admin.create().resource(ward).execute().getId().getIdPart();
		Location room = place("ro", "R1");
		room.setPartOf(new Reference("Location/" + wardId));
		String roomId = admin.create().resource(room).execute().getId().getIdPart();
		Location bed = place("bd", "B1");
		bed.setPartOf(new Reference("Location/" + roomId));
		String bedId = admin.create().resource(bed).execute().getId().getIdPart();
		return new Ward(code, wardId, roomId, bedId);
	}

	@Test
	void locationsAcrossWardsRoomsAndBedsByIdSortAndPages() throws Exception {
		Ward w = ward();
		assertThat(ids(nurse.search("Location?_id=" + w.ward() + "," + w.bed()))).containsExactlyInAnyOrder(w.ward(),
				w.bed());
		assertThat(ids(nurse.search("Location?_id=bed-0,nothing"))).isEmpty();
		String mine = "Location?name=" + w.code();
		// Names: "Bed B1 (<code>)", "Room R1 (<code>)", "Unit <code>".
		assertThat(ids(nurse.search(mine + "&_sort=name"))).containsExactly(w.bed(), w.room(), w.ward());
		assertThat(ids(nurse.search(mine + "&_sort=-name"))).containsExactly(w.ward(), w.room(), w.bed());
		assertThat(ids(nurse.search(mine + "&_sort=_id"))).containsExactly(w.bed(), w.room(), w.ward());
		assertThat(nurse.allPages(mine + "&_sort=-name&_count=1")).containsExactly(w.ward(), w.room(), w.bed());
		Bundle count = nurse.search(mine + "&_summary=count");
		assertThat(count.getTotal()).isEqualTo(3);
		assertThat(count.getEntry()).isEmpty();
		assertThat(nurse.search(mine + "&_total=none").hasTotal()).isFalse();
		Location thin = (Location) nurse.search(mine + "&_elements=name&_sort=name").getEntryFirstRep().getResource();
		assertThat(thin.getName()).startsWith("Bed");
		assertThat(thin.hasPhysicalType()).isFalse();
	}

	@Test
	void locationsByLastUpdatedWithEveryPrefix() throws Exception {
		Ward w = ward();
		String mine = "Location?name=" + w.code();
		// Created ward, then room, then bed.
		assertThat(ids(nurse.search(mine + "&_sort=_lastUpdated"))).containsExactly(w.ward(), w.room(), w.bed());
		assertThat(ids(nurse.search(mine + "&_sort=-_lastUpdated"))).containsExactly(w.bed(), w.room(), w.ward());
		Location room = (Location) nurse.search("Location?_id=" + w.room()).getEntryFirstRep().getResource();
		Instant roomUpdated = room.getMeta().getLastUpdated().toInstant();
		assertThat(ids(nurse.search(mine + "&_lastUpdated=gt" + at(roomUpdated)))).containsExactly(w.bed());
		assertThat(ids(nurse.search(mine + "&_lastUpdated=sa" + at(roomUpdated)))).containsExactly(w.bed());
		assertThat(ids(nurse.search(mine + "&_lastUpdated=lt" + at(roomUpdated)))).containsExactly(w.ward());
		assertThat(ids(nurse.search(mine + "&_lastUpdated=eb" + at(roomUpdated)))).containsExactly(w.ward());
		assertThat(ids(nurse.search(mine + "&_lastUpdated=eq" + at(roomUpdated)))).containsExactly(w.room());
		assertThat(ids(nurse.search(mine + "&_lastUpdated=ne" + at(roomUpdated) + "&_sort=_lastUpdated")))
			.containsExactly(w.ward(), w.bed());
		assertThat(ids(nurse.search(mine + "&_lastUpdated=ge" + at(roomUpdated) + "&_sort=_lastUpdated")))
			.containsExactly(w.room(), w.bed());
		assertThat(ids(nurse.search(mine + "&_lastUpdated=le" + at(roomUpdated) + "&_sort=_lastUpdated")))
			.containsExactly(w.ward(), w.room());
		assertThat(ids(nurse.search(mine + "&_lastUpdated=ap" + at(roomUpdated)))).contains(w.room());
		assertThat(ids(nurse.search(mine + "&_lastUpdated=lt2000-01-01"))).isEmpty();

		// A bed's status set is a change.
		IGenericClient admin = FhirTestSupport.client(port, "admin");
		Location bed = admin.read().resource(Location.class).withId(w.bed()).execute();
		Instant created = bed.getMeta().getLastUpdated().toInstant();
		bed.setOperationalStatus(new Coding("http://terminology.hl7.org/CodeSystem/v2-0116", "H", null));
		admin.update().resource(bed).withId(bed.getIdElement()).execute();
		Location changed = admin.read().resource(Location.class).withId(w.bed()).execute();
		assertThat(changed.getMeta().getLastUpdated().toInstant()).isAfter(created);
		assertThat(ids(nurse.search(mine + "&_lastUpdated=gt" + at(created)))).containsExactly(w.bed());
	}

	@Test
	void partofMissingFindsTheWards() throws Exception {
		Ward w = ward();
		String mine = "Location?name=" + w.code();
		assertThat(ids(nurse.search(mine + "&partof:missing=true"))).containsExactly(w.ward());
		assertThat(ids(nurse.search(mine + "&partof:missing=false&_sort=name"))).containsExactly(w.bed(), w.room());
		assertThat(ids(nurse.search("Location?partof=Location/" + w.ward()))).containsExactly(w.room());
		// type:text reads the specialty's label, which a ward's rooms and beds share.
		assertThat(ids(nurse.search(mine + "&type:text=CARDIO&_sort=name"))).containsExactly(w.bed(), w.room(),
				w.ward());
		assertThat(ids(nurse.search(mine + "&type:text=surg"))).isEmpty();
	}

	@Test
	void locationRefusesWhatItDoesNotServe() throws Exception {
		Ward w = ward();
		String mine = "Location?name=" + w.code();
		assertThat(outcome(nurse.get(mine + "&_lastUpdated=xx2020-01-01"), 400)).contains("_lastUpdated");
		assertThat(outcome(nurse.get(mine + "&_sort=type"), 400)).contains("_sort=type");
		assertThat(outcome(nurse.get(mine + "&name:missing=true"), 400)).contains("name:missing");
		assertThat(outcome(nurse.get(mine + "&partof.name=x"), 400)).contains("partof.name");
		Bundle lenient = nurse.search(mine + "&name:missing=true&_sort=name", "Prefer", "handling=lenient");
		assertThat(ids(lenient)).containsExactly(w.bed(), w.room(), w.ward());
		assertThat(lenient.getLink("self").getUrl()).contains("_sort=name").doesNotContain("missing");
	}

	/** A schedule of a room, made by an admin, in a department of its own. */
	String schedule(String department) {
		Schedule schedule = new Schedule();
		schedule.addActor(new Reference("Location/" + unique("room-")).setDisplay("Bloedafname " + department));
		schedule.addSpecialty(new CodeableConcept(new Coding("urn:continuum:department", department, null)));
		return FhirTestSupport.client(port, "admin").create().resource(schedule).execute().getId().getIdPart();
	}

	@Test
	void schedulesByIdLastUpdatedAndSort() throws Exception {
		String department = unique("ZD");
		String first = schedule(department);
		String second = schedule(department);
		String mine = "Schedule?specialty=" + department;
		assertThat(ids(nurse.search(mine + "&_sort=_id"))).containsExactly(first, second);
		assertThat(ids(nurse.search(mine + "&_sort=-_id"))).containsExactly(second, first);
		assertThat(ids(nurse.search(mine + "&_sort=-_lastUpdated"))).containsExactly(second, first);
		assertThat(ids(nurse.search(mine + "&_id=" + second))).containsExactly(second);
		Instant secondUpdated = nurse.search(mine + "&_id=" + second)
			.getEntryFirstRep()
			.getResource()
			.getMeta()
			.getLastUpdated()
			.toInstant();
		assertThat(ids(nurse.search(mine + "&_lastUpdated=ge" + at(secondUpdated)))).containsExactly(second);
		assertThat(ids(nurse.search(mine + "&_lastUpdated=lt" + at(secondUpdated)))).containsExactly(first);
		assertThat(nurse.allPages(mine + "&_sort=-_id&_count=1")).containsExactly(second, first);
		assertThat(nurse.search(mine + "&_summary=count").getTotal()).isEqualTo(2);
		assertThat(outcome(nurse.get(mine + "&_sort=date"), 400)).contains("_sort=date");
		assertThat(outcome(nurse.get(mine + "&_lastUpdated=xy2020"), 400)).contains("_lastUpdated");
	}

	Slot slot(String schedule, Instant start) {
		Slot slot = new Slot();
		slot.setSchedule(new Reference("Schedule/" + schedule));
		slot.addServiceType(new CodeableConcept(new Coding(AppointmentType.SYSTEM, "blood-sampling", null)));
		slot.setStatus(Slot.SlotStatus.FREE);
		slot.setStart(Date.from(start));
		slot.setEnd(Date.from(start.plusSeconds(600)));
		return (Slot) FhirTestSupport.client(port, "scheduler").create().resource(slot).execute().getResource();
	}

	@Test
	void slotsByIdLastUpdatedSortPagesAndTotals() throws Exception {
		String schedule = schedule(unique("ZS"));
		Instant nine = LocalDate.now(ZoneOffset.UTC).plusDays(400).atTime(9, 0).toInstant(ZoneOffset.UTC);
		Slot middle = slot(schedule, nine.plusSeconds(1200));
		Slot early = slot(schedule, nine);
		Slot late = slot(schedule, nine.plusSeconds(2400));
		String m = middle.getIdElement().getIdPart();
		String e = early.getIdElement().getIdPart();
		String l = late.getIdElement().getIdPart();
		String mine = "Slot?schedule=Schedule/" + schedule;
		assertThat(ids(nurse.search(mine))).containsExactly(e, m, l);
		assertThat(ids(nurse.search(mine + "&_sort=-start"))).containsExactly(l, m, e);
		assertThat(ids(nurse.search(mine + "&_sort=_id"))).containsExactly(m, e, l);
		assertThat(ids(nurse.search(mine + "&_sort=-_lastUpdated"))).containsExactly(l, e, m);
		assertThat(ids(nurse.search(mine + "&_id=" + m + "," + l))).containsExactly(m, l);
		Instant earlyUpdated = early.getMeta().getLastUpdated().toInstant();
		assertThat(ids(nurse.search(mine + "&_lastUpdated=gt" + at(earlyUpdated)))).containsExactly(l);
		assertThat(ids(nurse.search(mine + "&_lastUpdated=le" + at(earlyUpdated)))).containsExactly(e, m);
		assertThat(nurse.allPages(mine + "&_sort=-start&_count=1")).containsExactly(l, m, e);
		Bundle firstPage = nurse.search(mine + "&_count=1");
		assertThat(firstPage.hasTotal()).as("no count of every slot on a full page").isFalse();
		assertThat(nurse.search(mine + "&_count=1&_total=accurate").getTotal()).isEqualTo(3);
		Bundle count = nurse.search(mine + "&_summary=count");
		assertThat(count.getTotal()).isEqualTo(3);
		assertThat(count.getEntry()).isEmpty();
		assertThat(ids(nurse.search(mine + "&service-type:text=blood&_sort=start"))).containsExactly(e, m, l);
		assertThat(ids(nurse.search(mine + "&service-type:text=ct"))).isEmpty();
		assertThat(outcome(nurse.get(mine + "&status:text=free"), 400)).contains("status:text");
		assertThat(outcome(nurse.get(mine + "&_sort=status"), 400)).contains("_sort=status");
		assertThat(outcome(nurse.get(mine + "&schedule:missing=true"), 400)).contains("schedule:missing");
	}

}
