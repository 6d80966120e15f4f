package continuum.adt;

import java.net.http.HttpResponse;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.patients.PatientService;
import continuum.web.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Administrators set up wards, rooms and beds in the web UI and close a bed, send it to
 * housekeeping or open it again; codes already used, an occupied bed and a change made
 * meanwhile are explained and change nothing; other roles get neither the page nor the
 * changes.
 */
@ContinuumIntegrationTest
class PlacesWebIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LocationRepository locations;

	@Autowired
	PatientService patients;

	@Autowired
	AdmissionService admissions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAdministratorAddsAWardARoomAndABedAndClosesTheBed() throws Exception {
		String code = "W" + (System.nanoTime() % 1_000_000);
		WebSession admin = WebSession.signIn(port, "admin");
		assertThat(admin.get("/").body()).contains("href=\"/admin/wards\"");
		assertThat(admin.get("/admin/wards").body()).contains("Add a ward");

		HttpResponse<String> ward = admin.post("/admin/wards",
				Map.of("code", code, "name", "Geriatrie " + code, "specialty", "GERIATRICS"));
		assertThat(WebSession.location(ward)).endsWith("/admin/wards/" + code + "?done=ward");
		assertThat(admin.get("/admin/wards/" + code + "?done=ward").body()).contains("The ward was added",
				"No rooms yet", "Geriatrics");
		HttpResponse<String> again = admin.post("/admin/wards",
				Map.of("code", code, "name", "Nog eens", "specialty", "GERIATRICS"));
		assertThat(again.statusCode()).isEqualTo(422);
		assertThat(again.body()).contains("already used");
		HttpResponse<String> noSpecialty = admin.post("/admin/wards",
				Map.of("code", code + "B", "name", "Zonder dienst", "specialty", ""));
		assertThat(noSpecialty.statusCode()).isEqualTo(422);
		assertThat(noSpecialty.body()).contains("Choose the ward");

		admin.get("/admin/wards/" + code);
		assertThat(WebSession.location(admin.post("/admin/wards/" + code + "/rooms", Map.of("room", "101"))))
			.endsWith("?done=room");
		long room = jdbc.sql("select r.id from adt_room r join adt_ward w on w.id = r.ward_id where w.code = :code")
			.param("code", code)
			.query(Long.class)
			.single();
		admin.get("/admin/wards/" + code);
		assertThat(WebSession.location(admin.post("/admin/wards/" + code + "/beds",
				Map.of("room", Long.toString(room), "bed", "101A", "status", "OPERATIONAL"))))
			.endsWith("?done=bed");
		HttpResponse<String> twice = admin.post("/admin/wards/" + code + "/beds",
				Map.of("room", Long.toString(room), "bed", "101A", "status", "OPERATIONAL"));
		assertThat(twice.statusCode()).isEqualTo(409);
		String page = admin.get("/admin/wards/" + code).body();
		assertThat(page).contains(">101A<", ">free<", ">Close<", ">Housekeeping<");

		long bed = jdbc.sql("select id from adt_bed where room_id = :room")
			.param("room", room)
			.query(Long.class)
			.single();
		long changes = changes();
		HttpResponse<String> closed = admin.post("/admin/wards/" + code + "/beds/" + bed + "/status",
				Map.of("status", "CLOSED", "version", "1"));
		assertThat(WebSession.location(closed)).endsWith("?done=status");
		assertThat(admin.get("/admin/wards/" + code).body()).contains(">closed<", ">Open<");
		assertThat(changes()).as("in the change feed, for the downtime copy").isEqualTo(changes + 1);
		HttpResponse<String> stale = admin.post("/admin/wards/" + code + "/beds/" + bed + "/status",
				Map.of("status", "HOUSEKEEPING", "version", "1"));
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("Someone else changed this bed");
		HttpResponse<String> unknown = admin.post("/admin/wards/" + code + "/beds/" + bed + "/status",
				Map.of("status", "BROKEN"));
		assertThat(unknown.statusCode()).isEqualTo(422);
		assertThat(unknown.body()).contains("Choose open, housekeeping or closed");
	}

	@Test
	void anOccupiedBedCannotBeClosedAndOtherRolesCannotManagePlaces() throws Exception {
		AdtFixtures fixtures = new AdtFixtures(locations, patients);
		AdtFixtures.TestWard ward = fixtures.ward(1);
		admissions.admit(new Admission(fixtures.patient(), ward.beds().get(0), EncounterClass.INPATIENT, "Val",
				"physician", null));
		WebSession admin = WebSession.signIn(port, "admin");
		String page = admin.get("/admin/wards/" + ward.code()).body();
		assertThat(page).contains(">occupied<").doesNotContain(">Close<").doesNotContain("Vandenbroucke");
		HttpResponse<String> close = admin.post(
				"/admin/wards/" + ward.code() + "/beds/" + ward.beds().get(0).value() + "/status",
				Map.of("status", "CLOSED"));
		assertThat(close.statusCode()).isEqualTo(409);
		assertThat(close.body()).contains("occupied");

		WebSession nurse = WebSession.signIn(port, "nurse");
		assertThat(nurse.get("/").body()).doesNotContain("href=\"/admin/wards\"");
		assertThat(nurse.get("/admin/wards").statusCode()).isEqualTo(403);
		assertThat(nurse.get("/admin/wards/" + ward.code()).statusCode()).isEqualTo(403);
		nurse.get("/wards");
		assertThat(
				nurse.post("/admin/wards", Map.of("code", "N1", "name", "Niet", "specialty", "SURGERY")).statusCode())
			.isEqualTo(403);
		assertThat(jdbc.sql("select count(*) from adt_ward where code = 'N1'").query(Integer.class).single()).isZero();
	}

	private long changes() {
		return jdbc.sql("select count(*) from change_feed where resource_type = 'Location'").query(Long.class).single();
	}

}
