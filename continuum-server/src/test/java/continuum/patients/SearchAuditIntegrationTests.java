package continuum.patients;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import continuum.ContinuumIntegrationTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Who saw this patient" includes result lists: every search writes a summary row with
 * counts only and one row per patient shown; includes, revincludes and
 * {@code $everything} audit each patient they return.
 */
@ContinuumIntegrationTest
class SearchAuditIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	ClinicalRecordService clinical;

	@Autowired
	JdbcClient jdbc;

	/**
	 * Rows of the audit log about these patients, as
	 * {@code action:type:resource id:detail}, oldest first.
	 */
	List<String> rowsAbout(List<PatientId> ids, String username) {
		return jdbc
			.sql("""
					select action || ':' || resource_type || ':' || coalesce(resource_id, '-') || ':' || coalesce(detail, '-')
					from audit_log where patient_id in (:ids) and username = :username and action in ('SEARCH', 'READ')
					order by id""")
			.param("ids", ids.stream().map(PatientId::asString).toList())
			.param("username", username)
			.query(String.class)
			.list();
	}

	@Test
	void patientSearchAuditsEachPatientOnThePageInOneStatementWithASummaryRow() {
		String u = TestPatients.uniqueWord();
		Patient a = patients.register(TestPatients.data("Claessens", "Anna", u));
		Patient b = patients.register(TestPatients.data("Claessens", "Bart", u));
		Patient c = patients.register(TestPatients.data("Claessens", "Cis", u));
		long before = jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single();

		PatientPage page = patients.search(PatientQuery.text("claessens " + u, 2));

		assertThat(page.total()).isEqualTo(3);
		assertThat(page.patients()).extracting(Patient::id).containsExactly(a.id(), b.id());
		List<String> rows = jdbc.sql("""
				select coalesce(resource_id, '-') || ':' || coalesce(patient_id, '-') || ':' || detail
				from audit_log where id > :before and action = 'SEARCH' and resource_type = 'Patient'
				  and (patient_id in (:ids) or detail = '2 of 3 results')
				order by id""")
			.param("before", before)
			.param("ids", List.of(a.id().asString(), b.id().asString(), c.id().asString()))
			.query(String.class)
			.list();
		assertThat(rows).containsExactly("-:-:2 of 3 results", a.id() + ":" + a.id() + ":result 1 of 3",
				b.id() + ":" + b.id() + ":result 2 of 3");
		assertThat(jdbc
			.sql("select count(distinct recorded_at) from audit_log where id > :before and patient_id in (:ids)")
			.param("before", before)
			.param("ids", List.of(a.id().asString(), b.id().asString()))
			.query(Long.class)
			.single()).as("one statement, one timestamp").isEqualTo(1);
	}

	@Test
	void secondPageIsAuditedWithThePositionsShown() {
		String u = TestPatients.uniqueWord();
		patients.register(TestPatients.data("Maes", "Anna", u));
		Patient second = patients.register(TestPatients.data("Maes", "Bart", u));

		patients.search(PatientQuery.text("maes " + u, 1).page(1, 1));

		assertThat(rowsAbout(List.of(second.id()), "system"))
			.containsExactly("SEARCH:Patient:" + second.id() + ":result 2 of 2");
	}

	@Test
	void fhirPatientSearchAuditsEachPatientReturnedWithTheUser() {
		String u = TestPatients.uniqueWord();
		Patient a = patients.register(TestPatients.data("Mertens", u));
		FhirTestClient client = new FhirTestClient(port, "nurse");

		Bundle bundle = client.fhir.search().byUrl("Patient?given=" + u).returnBundle(Bundle.class).execute();

		assertThat(bundle.getTotal()).isEqualTo(1);
		assertThat(rowsAbout(List.of(a.id()), "nurse")).containsExactly("SEARCH:Patient:" + a.id() + ":result 1 of 1");
	}

	@Test
	void clinicalSearchAcrossPatientsAuditsEachPatientShownAndASearchOfOnePatientNamesIt() {
		LocalDate recorded = LocalDate.of(1907, 7, 7);
		PatientId a = patients.register(TestPatients.data("Jacobs", TestPatients.uniqueWord())).id();
		PatientId b = patients.register(TestPatients.data("Jacobs", TestPatients.uniqueWord())).id();
		clinical.record(ClinicalKind.ALLERGIES, allergy(a, "Latex", recorded));
		clinical.record(ClinicalKind.ALLERGIES, allergy(a, "Peanut", recorded));
		clinical.record(ClinicalKind.ALLERGIES, allergy(b, "Bee venom", recorded));
		long before = jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single();

		ClinicalPage<Allergy> across = clinical.search(ClinicalKind.ALLERGIES,
				new ClinicalQuery(null, Set.of(), recorded, recorded, 10, 0));
		ClinicalPage<Allergy> ofA = clinical.search(ClinicalKind.ALLERGIES, ClinicalQuery.of(a));

		assertThat(across.entries()).hasSize(3);
		assertThat(ofA.entries()).hasSize(2);
		List<String> rows = jdbc.sql("""
				select coalesce(patient_id, '-') || ':' || detail from audit_log
				where id > :before and action = 'SEARCH' and resource_type = 'AllergyIntolerance' order by id""")
			.param("before", before)
			.query(String.class)
			.list();
		assertThat(rows).containsExactly("-:3 of 3 results", a + ":2 entries shown", b + ":1 entry shown",
				a + ":2 of 2 results");
	}

	@Test
	void includesRevincludesAndEverythingAuditEachPatientTheyReturn() {
		LocalDate recorded = LocalDate.of(1908, 8, 8);
		PatientId a = patients.register(TestPatients.data("Wuyts", TestPatients.uniqueWord())).id();
		clinical.record(ClinicalKind.ALLERGIES, allergy(a, "Shellfish", recorded));
		String mrn = patients.read(a).mrn();
		FhirTestClient client = new FhirTestClient(port, "radiologist");

		Bundle included = client.fhir.search()
			.byUrl("AllergyIntolerance?date=1908-08-08&_include=AllergyIntolerance:patient")
			.returnBundle(Bundle.class)
			.execute();
		Bundle revincluded = client.fhir.search()
			.byUrl("Patient?identifier=" + mrn + "&_revinclude=AllergyIntolerance:patient")
			.returnBundle(Bundle.class)
			.execute();
		client.fhir.operation()
			.onInstance("Patient/" + a)
			.named("$everything")
			.withNoParameters(Parameters.class)
			.returnResourceType(Bundle.class)
			.execute();

		assertThat(included.getEntry()).extracting(e -> e.getResource().fhirType())
			.containsExactlyInAnyOrder("AllergyIntolerance", "Patient");
		assertThat(revincluded.getEntry()).hasSize(2);
		assertThat(rowsAbout(List.of(a), "radiologist")).containsExactly(
				// _include: the allergies found across patients, then the patient brought
				// in
				"SEARCH:AllergyIntolerance:-:1 entry shown", "READ:Patient:" + a + ":-",
				// _revinclude: the patient matched, then the search of its allergies
				"SEARCH:Patient:" + a + ":result 1 of 1", "SEARCH:AllergyIntolerance:-:1 of 1 results",
				// $everything: the patient and each kind of entry
				"READ:Patient:" + a + ":-", "SEARCH:AllergyIntolerance:-:1 of 1 results",
				"SEARCH:MedicationStatement:-:0 of 0 results", "SEARCH:Condition:-:0 of 0 results");
	}

	static Allergy allergy(PatientId patient, String substance, LocalDate recorded) {
		return Allergy.of(patient, ClinicalCode.text(substance), "food", "high", "active", "confirmed", List.of(), null,
				recorded);
	}

}
