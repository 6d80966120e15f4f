package continuum.patients;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merge page: choose, compare side by side, confirm; refusals explained; only for
 * roles that update patients.
 */
@ContinuumIntegrationTest
class PatientMergeWebIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	PatientMergeService merges;

	@Autowired
	JdbcClient jdbc;

	Patient register(String family, String given, LocalDate birthDate) {
		PatientData data = TestPatients.data(family, given);
		return patients
			.register(new PatientData(List.of(Identifier.ssin(TestPatients.nationalNumber(birthDate))), data.family(),
					data.given(), null, birthDate, data.gender(), data.address(), data.phone(), null, "nl", false));
	}

	@Test
	void showsBothSideBySideAndMergesOnlyAfterConfirmationThenTheDuplicatesChartOpensTheSurvivors() throws Exception {
		String u = TestPatients.uniqueWord();
		Patient survivor = register("Dewulf", u, LocalDate.of(1985, 7, 30));
		Patient duplicate = register("Dewulf", u, LocalDate.of(1985, 7, 3));
		TestBrowser nurse = new TestBrowser(port, "nurse");

		HttpResponse<String> page = nurse
			.get("/patients/merge?duplicate=" + duplicate.id() + "&survivor=" + survivor.id());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"comparison\"")
			.contains(duplicate.mrn())
			.contains(survivor.mrn())
			.contains("30/07/1985")
			.contains("03/07/1985")
			.contains(NationalNumber.parse(duplicate.identifier(Identifier.SSIN_SYSTEM).orElseThrow().value())
				.formatted())
			.contains(
					NationalNumber.parse(survivor.identifier(Identifier.SSIN_SYSTEM).orElseThrow().value()).formatted())
			.contains("name=\"confirm\"");

		HttpResponse<String> unconfirmed = nurse.post("/patients/merge",
				"duplicate=" + duplicate.id() + "&survivor=" + survivor.id());
		assertThat(unconfirmed.statusCode()).isEqualTo(422);
		assertThat(unconfirmed.body()).contains("Tick the confirmation box: nothing was merged.");
		assertThat(patients.read(duplicate.id()).isMerged()).isFalse();

		HttpResponse<String> merged = nurse.post("/patients/merge",
				"duplicate=" + duplicate.id() + "&survivor=" + survivor.id() + "&confirm=yes");
		assertThat(merged.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(merged)).endsWith("/patients/" + survivor.id());
		assertThat(patients.read(duplicate.id()).mergedInto()).isEqualTo(survivor.id());
		assertThat(TestBrowser.location(nurse.get("/patients/" + duplicate.id())))
			.endsWith("/patients/" + survivor.id());
		assertThat(jdbc
			.sql("select count(*) from audit_log where username = 'nurse' and action = 'UPDATE'"
					+ " and resource_type = 'Patient' and patient_id in (:ids) and outcome = 'SUCCESS'")
			.param("ids", List.of(duplicate.id().asString(), survivor.id().asString()))
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void samePatientTwiceIsExplainedAndNeverOffered() throws Exception {
		Patient patient = register("Vermeulen", TestPatients.uniqueWord(), LocalDate.of(1970, 1, 2));
		TestBrowser nurse = new TestBrowser(port, "nurse");

		HttpResponse<String> page = nurse
			.get("/patients/merge?duplicate=" + patient.id() + "&survivor=" + patient.id());
		assertThat(page.body()).contains("The duplicate and the survivor are the same patient (MRN " + patient.mrn())
			.doesNotContain("name=\"confirm\"");
		HttpResponse<String> post = nurse.post("/patients/merge",
				"duplicate=" + patient.id() + "&survivor=" + patient.id() + "&confirm=yes");
		assertThat(post.statusCode()).isEqualTo(422);
		assertThat(post.body()).contains("the same patient");
		assertThat(patients.read(patient.id()).isMerged()).isFalse();
	}

	@Test
	void alreadyMergedDuplicateAndMergedSurvivorAreExplained() throws Exception {
		String u = TestPatients.uniqueWord();
		Patient kept = register("Lambrecht", u, LocalDate.of(1990, 5, 6));
		Patient gone = register("Lambrecht", u, LocalDate.of(1990, 5, 6));
		Patient other = register("Lambrecht", TestPatients.uniqueWord(), LocalDate.of(1991, 5, 6));
		merges.merge(gone.id(), kept.id());
		TestBrowser nurse = new TestBrowser(port, "nurse");

		assertThat(nurse.get("/patients/merge?duplicate=" + gone.id() + "&survivor=" + other.id()).body())
			.contains("MRN " + gone.mrn() + " was already merged into another patient")
			.doesNotContain("name=\"confirm\"");
		assertThat(nurse.get("/patients/merge?duplicate=" + other.id() + "&survivor=" + gone.id()).body())
			.contains("MRN " + gone.mrn() + " was itself merged into another patient")
			.contains("/patients/merge?duplicate=" + other.id() + "&amp;survivor=" + kept.id());
		HttpResponse<String> post = nurse.post("/patients/merge",
				"duplicate=" + gone.id() + "&survivor=" + other.id() + "&confirm=yes");
		assertThat(post.statusCode()).isEqualTo(409);
		assertThat(post.body()).contains("was already merged into another patient");
		assertThat(patients.read(gone.id()).mergedInto()).isEqualTo(kept.id());
		assertThat(nurse.get("/patients/merge?duplicate=abc").body()).contains("The duplicate is not a patient id");
	}

	@Test
	void rolesWithoutPatientUpdateRightsAreToldAndTheirAttemptIsRefusedAndAudited() throws Exception {
		String u = TestPatients.uniqueWord();
		Patient survivor = register("Michiels", u, LocalDate.of(1960, 3, 4));
		Patient duplicate = register("Michiels", u, LocalDate.of(1960, 3, 4));
		TestBrowser labtech = new TestBrowser(port, "labtech");

		HttpResponse<String> page = labtech.get("/patients/merge?duplicate=" + duplicate.id());
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.body()).contains("Your role may not merge patients").doesNotContain(duplicate.mrn());
		assertThat(labtech.get("/patients?q=" + TestBrowser.enc("michiels " + u)).body()).contains(duplicate.mrn())
			.doesNotContain("/patients/merge");
		HttpResponse<String> post = labtech.post("/patients/merge",
				"duplicate=" + duplicate.id() + "&survivor=" + survivor.id() + "&confirm=yes");
		assertThat(post.statusCode()).isEqualTo(403);
		assertThat(post.body()).contains("Your role may not merge patients");
		assertThat(patients.read(duplicate.id()).isMerged()).isFalse();
		assertThat(jdbc
			.sql("select count(*) from audit_log where username = 'labtech' and action = 'UPDATE'"
					+ " and outcome = 'DENIED' and patient_id = :id")
			.param("id", duplicate.id().asString())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void searchOffersMergeAndTheMergePageSearchChoosesTheOtherRegistration() throws Exception {
		String u = TestPatients.uniqueWord();
		Patient survivor = register("Cornelis", u, LocalDate.of(1975, 11, 20));
		Patient duplicate = register("Cornelis", u, LocalDate.of(1975, 11, 20));
		TestBrowser physician = new TestBrowser(port, "physician");

		assertThat(physician.get("/patients?q=" + TestBrowser.enc("cornelis " + u)).body())
			.contains("href=\"/patients/merge?duplicate=" + duplicate.id() + "\"")
			.contains("href=\"/patients/merge\"");
		HttpResponse<String> choosing = physician
			.get("/patients/merge?duplicate=" + duplicate.id() + "&q=" + TestBrowser.enc("cornelis " + u));
		assertThat(choosing.statusCode()).isEqualTo(200);
		assertThat(choosing.body()).contains("id=\"candidates\"")
			.contains("/patients/merge?duplicate=" + duplicate.id() + "&amp;survivor=" + survivor.id())
			.contains("Not chosen yet")
			.doesNotContain("name=\"confirm\"");
	}

}
