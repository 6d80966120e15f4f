package continuum.adt;

import java.net.http.HttpResponse;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.web.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ADT pages through a signed-in browser session: ward list, census, admit, transfer,
 * discharge, fragments.
 */
@ContinuumIntegrationTest
class AdtWebIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LocationRepository locations;

	@Autowired
	PatientService patients;

	@Autowired
	AdmissionService admissions;

	@Autowired
	EncounterService encounters;

	@Autowired
	PlannedAdmissionService planning;

	AdtFixtures fixtures;

	WebSession nurse;

	@BeforeEach
	void setUp() throws Exception {
		fixtures = new AdtFixtures(locations, patients);
		nurse = WebSession.signIn(port, "nurse");
	}

	@Test
	void wardListShowsEveryDemoWardWithOccupancy() throws Exception {
		HttpResponse<String> page = nurse.get("/wards");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Cardiologie 3A", "Intensieve Zorg / Soins Intensifs",
				"Materniteit / Maternité", "href=\"/wards/C3A\"");
	}

	@Test
	void censusShowsOccupantsWithNameMrnAgeSexAndLinks() throws Exception {
		AdtFixtures.TestWard ward = fixtures.ward(2);
		PatientId patient = fixtures.patient();
		Encounter encounter = admissions
			.admit(new Admission(patient, ward.beds().get(0), EncounterClass.INPATIENT, null, null, null));
		String page = nurse.get("/wards/" + ward.code()).body();
		assertThat(page).contains("VANDENBROUCKE, Anaïs", "href=\"/patients/" + patient.asString() + "\"", "female",
				"href=\"/adt/encounters/" + encounter.id() + "\"", "free");
		assertThat(page).containsPattern("<td>\\d{8}</td>");
	}

	@Test
	void admitFormAdmitsIntoTheChosenFreeBed() throws Exception {
		AdtFixtures.TestWard ward = fixtures.ward(2);
		PatientId patient = fixtures.patient();
		HttpResponse<String> form = nurse.get("/adt/admit?patient=" + patient + "&ward=" + ward.code());
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains("value=\"" + ward.beds().get(1).value() + "\"", "Dr. Anne Peeters");
		HttpResponse<String> admitted = nurse.post("/adt/admit",
				Map.of("patient", patient.asString(), "ward", ward.code(), "bed",
						Long.toString(ward.beds().get(1).value()), "encounterClass", "INPATIENT", "reason", "Pneumonie",
						"practitioner", "physician"));
		assertThat(admitted.statusCode()).isEqualTo(302);
		assertThat(admitted.headers().firstValue("Location")).get().asString().endsWith("/wards/" + ward.code());
		assertThat(nurse.get("/wards/" + ward.code()).body()).contains("Admitted to", "VANDENBROUCKE, Anaïs");
		assertThat(locations.occupied(ward.beds().get(1))).isTrue();
	}

	@Test
	void admittingIntoABedJustTakenShowsAMessageNotAStackTrace() throws Exception {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		PatientId patient = fixtures.patient();
		nurse.get("/adt/admit?patient=" + patient + "&ward=" + ward.code());
		admissions
			.admit(new Admission(fixtures.patient(), ward.beds().get(0), EncounterClass.INPATIENT, null, null, null));
		HttpResponse<String> refused = nurse.post("/adt/admit", Map.of("patient", patient.asString(), "ward",
				ward.code(), "bed", Long.toString(ward.beds().get(0).value()), "encounterClass", "INPATIENT"));
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("role=\"alert\"", "is occupied", "just taken", "no free bed on this ward")
			.doesNotContain("Exception", "at continuum.");
	}

	@Test
	void admitFormOfAnAdmittedPatientPointsToTransferInstead() throws Exception {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		PatientId patient = fixtures.patient();
		Encounter encounter = admissions
			.admit(new Admission(patient, ward.beds().get(0), EncounterClass.INPATIENT, null, null, null));
		String page = nurse.get("/adt/admit?patient=" + patient).body();
		assertThat(page).contains("Already admitted", "href=\"/adt/encounters/" + encounter.id() + "\"");
	}

	@Test
	void admitWithoutABedAsksForOne() throws Exception {
		PatientId patient = fixtures.patient();
		nurse.get("/adt/admit?patient=" + patient);
		HttpResponse<String> refused = nurse.post("/adt/admit",
				Map.of("patient", patient.asString(), "encounterClass", "INPATIENT"));
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("An inpatient admission needs a bed");
	}

	@Test
	void transferAndDischargeFormsMoveAndReleaseThePatient() throws Exception {
		AdtFixtures.TestWard ward = fixtures.ward(2);
		Encounter encounter = admissions
			.admit(new Admission(fixtures.patient(), ward.beds().get(0), EncounterClass.INPATIENT, null, null, null));
		String page = nurse.get("/adt/encounters/" + encounter.id() + "?ward=" + ward.code()).body();
		assertThat(page).contains("Transfer", "Discharge", "value=\"" + ward.beds().get(1).value() + "\"");
		HttpResponse<String> moved = nurse.post("/adt/encounters/" + encounter.id() + "/transfer",
				Map.of("ward", ward.code(), "bed", Long.toString(ward.beds().get(1).value()), "version", "1"));
		assertThat(moved.statusCode()).isEqualTo(302);
		assertThat(locations.occupied(ward.beds().get(1))).isTrue();

		nurse.get("/adt/encounters/" + encounter.id());
		HttpResponse<String> stale = nurse.post("/adt/encounters/" + encounter.id() + "/discharge",
				Map.of("at", "", "version", "1"));
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("changed by someone else");

		HttpResponse<String> discharged = nurse.post("/adt/encounters/" + encounter.id() + "/discharge",
				Map.of("at", "", "version", "2"));
		assertThat(discharged.statusCode()).isEqualTo(302);
		assertThat(encounters.get(encounter.id()).status()).isEqualTo(EncounterStatus.FINISHED);
		assertThat(locations.occupied(ward.beds().get(1))).isFalse();
	}

	@Test
	void aPlannedAdmissionIsAdmittedIntoTheChosenBedOnArrival() throws Exception {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		Encounter planned = planning
			.plan(new Admission(fixtures.patient(), null, EncounterClass.INPATIENT, "Totale knieprothese", null, null));
		String page = nurse.get("/adt/encounters/" + planned.id() + "?ward=" + ward.code()).body();
		assertThat(page).contains("Patient arrived: admit", "Cancel the planned admission", "expected");
		HttpResponse<String> started = nurse.post("/adt/encounters/" + planned.id() + "/start",
				Map.of("ward", ward.code(), "bed", Long.toString(ward.beds().get(0).value()), "version", "1"));
		assertThat(started.statusCode()).isEqualTo(302);
		assertThat(encounters.get(planned.id()).status()).isEqualTo(EncounterStatus.IN_PROGRESS);
		assertThat(locations.occupied(ward.beds().get(0))).isTrue();
	}

	@Test
	void patientEncountersFragmentListsStaysWithoutTheLayout() throws Exception {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		PatientId patient = fixtures.patient();
		admissions.admit(new Admission(patient, ward.beds().get(0), EncounterClass.INPATIENT, "Pneumonie", null, null));
		HttpResponse<String> fragment = nurse.get("/patients/" + patient + "/encounters");
		assertThat(fragment.statusCode()).isEqualTo(200);
		assertThat(fragment.body()).startsWith("<section")
			.doesNotContain("<html")
			.contains("Pneumonie", "in-progress", "Testafdeling " + ward.code(), "Transfer / discharge");
	}

	@Test
	void labTechnologistSeesTheCensusButCannotAdmit() throws Exception {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		PatientId patient = fixtures.patient();
		WebSession labtech = WebSession.signIn(port, "labtech");
		assertThat(labtech.get("/wards/" + ward.code()).statusCode()).isEqualTo(200);
		labtech.get("/wards");
		HttpResponse<String> refused = labtech.post("/adt/admit", Map.of("patient", patient.asString(), "bed",
				Long.toString(ward.beds().get(0).value()), "encounterClass", "INPATIENT"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(locations.occupied(ward.beds().get(0))).isFalse();
	}

	@Test
	void unknownWardIsA404Page() throws Exception {
		HttpResponse<String> page = nurse.get("/wards/NOWHERE");
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("No ward with code NOWHERE");
	}

}
