package continuum.patients;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.web.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clinicians record and change allergies, medications and problems from the chart: the
 * allergy alert follows what holds now (an allergy entered in error leaves it, "no known
 * allergies" is not "not yet asked"), mistakes are answered field by field with nothing
 * saved, a change made meanwhile by someone else is shown instead of overwritten, and
 * roles that may only read get no way to write. Every change is audited and in the change
 * feed.
 */
@ContinuumIntegrationTest
class ChartEntriesWebIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	ClinicalRecordService clinical;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPhysicianRecordsAnAllergyAndTheAlertFollowsWhatHoldsNow() throws Exception {
		Patient patient = patients.register(TestPatients.data("Wuyts", "Marthe", TestPatients.uniqueWord()));
		String chart = "/patients/" + patient.id();
		WebSession physician = WebSession.signIn(port, "physician");
		assertThat(alert(physician.get(chart).body())).contains("not yet assessed");

		HttpResponse<String> none = physician.post(chart + "/allergies/no-known", Map.of());
		assertThat(WebSession.location(none)).endsWith(chart);
		String asked = physician.get(chart).body();
		assertThat(alert(asked)).contains("No known allergies (the patient was asked)").doesNotContain("ALLERGIES");
		assertThat(asked).doesNotContain("id=\"record-no-known-allergies\"");

		assertThat(physician.get(chart + "/allergies/new").body()).contains("Record an allergy or intolerance",
				"<option value=\"Penicillin\"");
		long changes = changes(patient);
		HttpResponse<String> empty = physician.post(chart + "/allergies/new", allergy("", "", ""));
		assertThat(empty.statusCode()).isEqualTo(422);
		assertThat(empty.body()).contains("Nothing was saved", "Enter the substance");
		HttpResponse<String> wrongCode = physician.post(chart + "/allergies/new",
				allergy("Penicillin", "high", "deadly"));
		assertThat(wrongCode.statusCode()).isEqualTo(422);
		assertThat(wrongCode.body()).contains("reaction severity").contains("value=\"Penicillin\"");
		assertThat(clinical.search(ClinicalKind.ALLERGIES, ClinicalQuery.of(patient.id())).entries()).hasSize(1);
		assertThat(changes(patient)).isEqualTo(changes);

		HttpResponse<String> recorded = physician.post(chart + "/allergies/new",
				allergy(" penicillin ", "high", "severe"));
		assertThat(WebSession.location(recorded)).endsWith(chart);
		Allergy penicillin = clinical.search(ClinicalKind.ALLERGIES, ClinicalQuery.of(patient.id()))
			.entries()
			.stream()
			.filter(a -> !a.isNoKnownAllergy())
			.findFirst()
			.orElseThrow();
		assertThat(penicillin.substance()).as("typed as suggested: coded")
			.isEqualTo(new ClinicalCode("http://snomed.info/sct", "764146007", "Penicillin"));
		assertThat(penicillin.reactions()).containsExactly("Anaphylaxis", "Urticaria");
		assertThat(alert(physician.get(chart).body())).contains("ALLERGIES:", "Penicillin", "(HIGH RISK)")
			.doesNotContain("No known allergies");
		assertThat(changes(patient)).as("the allergy, and the \"no known allergy\" it ended").isEqualTo(changes + 2);
		Allergy noneKnown = clinical.search(ClinicalKind.ALLERGIES, ClinicalQuery.of(patient.id()))
			.entries()
			.stream()
			.filter(Allergy::isNoKnownAllergy)
			.findFirst()
			.orElseThrow();
		assertThat(noneKnown.clinicalStatus()).isEqualTo("inactive");
		assertThat(audited("AllergyIntolerance", noneKnown.id())).containsExactly("CREATE physician",
				"UPDATE physician");
		HttpResponse<String> contradiction = physician.post(chart + "/allergies/no-known", Map.of());
		assertThat(contradiction.statusCode()).isEqualTo(422);
		assertThat(contradiction.body()).contains("would contradict them");
		assertThat(audited("AllergyIntolerance", penicillin.id())).containsExactly("CREATE physician");

		String entry = chart + "/allergies/" + penicillin.id();
		assertThat(physician.get(entry).body()).contains("Change an allergy or intolerance", "Version", "value=\"1\"");
		Map<String, String> error = allergy("Penicillin", "high", "severe");
		error.put("verificationStatus", "entered-in-error");
		error.put("version", "1");
		assertThat(WebSession.location(physician.post(entry, error))).endsWith(chart);
		String after = physician.get(chart).body();
		assertThat(alert(after)).as("the earlier \"none\" was ended: ask again")
			.doesNotContain("Penicillin")
			.contains("not yet assessed");
		assertThat(after).as("never true, not shown").doesNotContain(">Penicillin<");

		Map<String, String> stale = allergy("Penicillin", "low", "mild");
		stale.put("version", "1");
		HttpResponse<String> conflict = physician.post(entry, stale);
		assertThat(conflict.statusCode()).isEqualTo(409);
		assertThat(conflict.body()).contains("Someone else changed this entry", "value=\"2\"");
		stale.put("version", "twee");
		assertThat(physician.post(entry, stale).statusCode()).isEqualTo(422);
		assertThat(clinical.read(ClinicalKind.ALLERGIES, penicillin.id()).version()).isEqualTo(2);
		assertThat(clinical.read(ClinicalKind.ALLERGIES, penicillin.id()).criticality()).isEqualTo("high");
		assertThat(audited("AllergyIntolerance", penicillin.id())).containsSubsequence("CREATE physician",
				"READ physician", "UPDATE physician");

		Patient other = patients.register(TestPatients.data("Wuyts", "Andere", TestPatients.uniqueWord()));
		assertThat(physician.get("/patients/" + other.id() + "/allergies/" + penicillin.id()).statusCode())
			.as("an entry under another patient's chart")
			.isEqualTo(404);
	}

	@Test
	void aPhysicianRecordsAndStopsAMedicationAndRecordsAndResolvesAProblem() throws Exception {
		Patient patient = patients.register(TestPatients.data("Goossens", "Rik", TestPatients.uniqueWord()));
		String chart = "/patients/" + patient.id();
		WebSession physician = WebSession.signIn(port, "physician");
		physician.get(chart + "/medications/new");

		Map<String, String> badDates = medication("Metformin 850 mg tablet", "active", "31/02/2026", "");
		HttpResponse<String> invalid = physician.post(chart + "/medications/new", badDates);
		assertThat(invalid.statusCode()).isEqualTo(422);
		assertThat(invalid.body()).contains("Enter the start date as DD/MM/YYYY");
		HttpResponse<String> backwards = physician.post(chart + "/medications/new",
				medication("Metformin 850 mg tablet", "active", "2026-03-01", "2026-02-01"));
		assertThat(backwards.statusCode()).isEqualTo(422);
		assertThat(backwards.body()).contains("The end date is before the start date");
		assertThat(clinical.search(ClinicalKind.MEDICATIONS, ClinicalQuery.of(patient.id())).entries()).isEmpty();

		HttpResponse<String> recorded = physician.post(chart + "/medications/new",
				medication("Metformin 850 mg tablet", "active", "01/03/2026", ""));
		assertThat(WebSession.location(recorded)).endsWith(chart + "#medications");
		Medication metformin = clinical.search(ClinicalKind.MEDICATIONS, ClinicalQuery.of(patient.id()))
			.entries()
			.get(0);
		assertThat(metformin.drug().code()).isEqualTo("A10BA02");
		assertThat(metformin.dosage()).isEqualTo("850 mg oral twice a day");
		Map<String, String> stop = medication("Metformin 850 mg tablet", "stopped", "2026-03-01", "2026-11-20");
		stop.put("version", "1");
		physician.get(chart + "/medications/" + metformin.id());
		assertThat(WebSession.location(physician.post(chart + "/medications/" + metformin.id(), stop)))
			.endsWith(chart + "#medications");
		assertThat(physician.get(chart).body()).contains("stopped", "20/11/2026");
		physician.get(chart + "/medications/new");
		physician.post(chart + "/medications/new", medication("Paracetamol 1 g tablet", "active", "", ""));
		String withTwo = physician.get(chart).body();
		assertThat(withTwo.indexOf("Paracetamol 1 g tablet")).as("taken now, listed first")
			.isLessThan(withTwo.indexOf("Metformin 850 mg tablet"));

		physician.get(chart + "/problems/new");
		Map<String, String> future = problem("Type 2 diabetes mellitus", "active", "2999-01-01");
		HttpResponse<String> tooLate = physician.post(chart + "/problems/new", future);
		assertThat(tooLate.statusCode()).isEqualTo(422);
		assertThat(tooLate.body()).contains("The onset date is in the future");
		HttpResponse<String> problem = physician.post(chart + "/problems/new",
				problem("Sprained ankle", "active", "2026-11-01"));
		assertThat(WebSession.location(problem)).endsWith(chart + "#problems");
		Problem ankle = clinical.search(ClinicalKind.PROBLEMS, ClinicalQuery.of(patient.id())).entries().get(0);
		assertThat(ankle.code().isCoded()).as("free text").isFalse();
		Map<String, String> resolved = problem("Sprained ankle", "resolved", "2026-11-01");
		resolved.put("version", "1");
		physician.get(chart + "/problems/" + ankle.id());
		physician.post(chart + "/problems/" + ankle.id(), resolved);
		assertThat(clinical.read(ClinicalKind.PROBLEMS, ankle.id()).clinicalStatus()).isEqualTo("resolved");
		assertThat(physician.get(chart).body()).contains("resolved, confirmed");
		assertThat(audited("MedicationStatement", metformin.id())).contains("CREATE physician", "UPDATE physician");
		assertThat(audited("Condition", ankle.id())).contains("CREATE physician", "UPDATE physician");
	}

	@Test
	void aNurseRecordsAllergiesButOnlyReadsMedicationsAndProblems() throws Exception {
		Patient patient = patients.register(TestPatients.data("Claes", "Nora", TestPatients.uniqueWord()));
		String chart = "/patients/" + patient.id();
		Medication medication = clinical.record(ClinicalKind.MEDICATIONS, Medication.of(patient.id(),
				ClinicalCode.text("Paracetamol 1 g tablet"), "1 g", "oral", "as needed", "active", null, null));
		WebSession nurse = WebSession.signIn(port, "nurse");
		String page = nurse.get(chart).body();
		assertThat(page).contains("id=\"record-allergy\"", "id=\"record-no-known-allergies\"")
			.doesNotContain("id=\"record-medication\"", "id=\"record-problem\"");
		assertThat(nurse.get(chart + "/medications/new").statusCode()).isEqualTo(403);
		String details = nurse.get(chart + "/medications/" + medication.id()).body();
		assertThat(details).contains("<fieldset disabled", "Paracetamol 1 g tablet");

		Map<String, String> stop = medication("Paracetamol 1 g tablet", "stopped", "", "");
		stop.put("version", "1");
		assertThat(nurse.post(chart + "/medications/" + medication.id(), stop).statusCode()).isEqualTo(403);
		assertThat(nurse.post(chart + "/problems/new", problem("Headache", "active", "")).statusCode()).isEqualTo(403);
		assertThat(clinical.read(ClinicalKind.MEDICATIONS, medication.id()).status()).isEqualTo("active");
		assertThat(clinical.search(ClinicalKind.PROBLEMS, ClinicalQuery.of(patient.id())).entries()).isEmpty();

		HttpResponse<String> recorded = nurse.post(chart + "/allergies/new", allergy("Latex", "high", "moderate"));
		assertThat(WebSession.location(recorded)).endsWith(chart);
		assertThat(alert(nurse.get(chart).body())).contains("Latex", "(HIGH RISK)");
	}

	private static Map<String, String> allergy(String substance, String criticality, String severity) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("substance", substance);
		form.put("category", substance.isBlank() ? "" : "medication");
		form.put("criticality", criticality);
		form.put("reactions", "Anaphylaxis, Urticaria");
		form.put("reactionSeverity", severity);
		form.put("clinicalStatus", "active");
		form.put("verificationStatus", "confirmed");
		form.put("version", "");
		return form;
	}

	private static Map<String, String> medication(String drug, String status, String start, String end) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("drug", drug);
		form.put("dose", "850 mg");
		form.put("route", "oral");
		form.put("frequency", "twice a day");
		form.put("status", status);
		form.put("periodStart", start);
		form.put("periodEnd", end);
		form.put("version", "");
		return form;
	}

	private static Map<String, String> problem(String text, String status, String onset) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("problem", text);
		form.put("clinicalStatus", status);
		form.put("verificationStatus", "confirmed");
		form.put("onset", onset);
		form.put("version", "");
		return form;
	}

	/** The allergy alert of a chart page. */
	private static String alert(String page) {
		int start = page.indexOf("id=\"allergy-alert\"");
		return page.substring(start, page.indexOf("</div>", start));
	}

	private long changes(Patient patient) {
		return jdbc.sql("select count(*) from change_feed where patient_id = :p")
			.param("p", patient.id().asString())
			.query(Long.class)
			.single();
	}

	/** "ACTION username" of the audit rows of one entry, oldest first. */
	private List<String> audited(String type, long id) {
		return jdbc.sql("""
				select action || ' ' || username from audit_log
				where resource_type = :type and resource_id = :id order by id""")
			.param("type", type)
			.param("id", Long.toString(id))
			.query(String.class)
			.list();
	}

}
