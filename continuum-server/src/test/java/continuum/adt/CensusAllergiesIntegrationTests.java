package continuum.adt;

import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.patients.Allergy;
import continuum.patients.AllergyStatus;
import continuum.patients.ClinicalCode;
import continuum.patients.ClinicalKind;
import continuum.patients.ClinicalRecordService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.web.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ward's census shows each occupant's allergies that hold now (high-risk ones marked),
 * "none known" or "not asked", to the roles that may see allergies, read in one query and
 * audited per patient; roles that may not see allergies get the census without them and
 * leave no allergy search in the audit log.
 */
@ContinuumIntegrationTest
class CensusAllergiesIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	CensusService census;

	@Autowired
	AdmissionService admissions;

	@Autowired
	LocationRepository locations;

	@Autowired
	PatientService patients;

	@Autowired
	ClinicalRecordService clinical;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theCensusShowsWhatEachOccupantIsAllergicToAndMarksTheHighRisk() throws Exception {
		AdtFixtures fixtures = new AdtFixtures(locations, patients);
		AdtFixtures.TestWard ward = fixtures.ward(4);
		PatientId allergic = fixtures.patient();
		PatientId asked = fixtures.patient();
		clinical.record(ClinicalKind.ALLERGIES,
				Allergy.of(allergic, new ClinicalCode("http://snomed.info/sct", "111088007", "Latex"), "environment",
						"high", "active", "confirmed", List.of("Urticaria"), "severe", null));
		clinical.record(ClinicalKind.ALLERGIES, Allergy.of(allergic, ClinicalCode.text("Codeïne"), "medication", "low",
				"active", "confirmed", List.of("Nausea"), "mild", null));
		clinical.record(ClinicalKind.ALLERGIES, Allergy.of(allergic, ClinicalCode.text("Aspirine"), "medication", "low",
				"resolved", "confirmed", List.of(), null, null));
		clinical.record(ClinicalKind.ALLERGIES,
				Allergy.of(asked, Allergy.NO_KNOWN_ALLERGY, null, null, "active", "confirmed", List.of(), null, null));
		admissions.admit(new Admission(allergic, ward.beds().get(0), EncounterClass.INPATIENT, "Val", "nurse", null));
		admissions.admit(new Admission(asked, ward.beds().get(1), EncounterClass.INPATIENT, "Val", "nurse", null));

		PatientId notAsked = fixtures.patient();
		admissions.admit(new Admission(notAsked, ward.beds().get(2), EncounterClass.INPATIENT, "Val", "nurse", null));

		WardCensus lines = census.census(ward.code());
		AllergyStatus first = lines.lines().get(0).allergies();
		assertThat(first.current()).extracting(a -> a.substance().text()).containsExactly("Latex", "Codeïne");
		assertThat(first.highRisk()).isTrue();
		assertThat(lines.lines().get(1).allergies()).as("no known allergy is not an allergy")
			.isEqualTo(new AllergyStatus(List.of(), true));
		assertThat(lines.lines().get(2).allergies().notAsked()).isTrue();

		WebSession nurse = WebSession.signIn(port, "nurse");
		String page = nurse.get("/wards/" + ward.code()).body();
		assertThat(page).contains("class=\"badge high\">Latex<", ">Codeïne<", ">none known<", ">not asked<")
			.doesNotContain("Aspirine");
		assertThat(searches("nurse", allergic)).isEqualTo(1);
		assertThat(searches("nurse", asked)).isEqualTo(1);

		WebSession labtech = WebSession.signIn(port, "labtech");
		String withoutAllergies = labtech.get("/wards/" + ward.code()).body();
		assertThat(withoutAllergies).contains("VANDENBROUCKE").doesNotContain("Latex").doesNotContain("not asked");
		assertThat(searches("labtech", allergic)).isZero();
	}

	/** Searches of the patient's allergies by the user, in the audit log. */
	private int searches(String username, PatientId patient) {
		return jdbc.sql("""
				select count(*) from audit_log where username = :username and action = 'SEARCH'
				  and resource_type = 'AllergyIntolerance' and patient_id = :patient""")
			.param("username", username)
			.param("patient", patient.asString())
			.query(Integer.class)
			.single();
	}

}
