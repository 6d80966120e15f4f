package continuum.patients;

import java.net.http.HttpResponse;
import java.time.LocalDate;
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
 * Staff correct a registration from the chart: what they change is saved (audited, in the
 * change feed), what the form does not show (identifiers of other systems, the country,
 * the deceased flag, the MRN) stays; mistakes and a change made meanwhile by someone else
 * save nothing; roles that may only read cannot change it.
 */
@ContinuumIntegrationTest
class PatientEditWebIntegrationTests {

	private static final LocalDate BORN = LocalDate.of(1972, 3, 14);

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aNurseCorrectsTheAddressAndKeepsWhatTheFormDoesNotShow() throws Exception {
		String word = TestPatients.uniqueWord();
		String ssin = TestPatients.nationalNumber(BORN);
		Identifier external = new Identifier("urn:oid:1.2.3.4", "EXT-" + word);
		Patient patient = patients.register(new PatientData(List.of(Identifier.ssin(ssin), external), "Vermeersch",
				List.of("Tine", word), null, BORN, sexOf(ssin), new Address("Kerkstraat 1", "9000", "Gent", "BE"),
				"+32 9 000 00 00", null, "nl", false));
		String chart = "/patients/" + patient.id();
		WebSession nurse = WebSession.signIn(port, "nurse");
		assertThat(nurse.get(chart).body()).contains("href=\"" + chart + "/edit\"");
		String page = nurse.get(chart + "/edit").body();
		assertThat(page).contains("Change the registration of", patient.mrn(), "value=\"Kerkstraat 1\"",
				"value=\"" + ssin + "\"", "name=\"version\" value=\"1\"");

		Map<String, String> form = form(patient, ssin, "1");
		form.put("addressLine", "Veldstraat 12");
		form.put("phone", "+32 470 12 34 56");
		HttpResponse<String> saved = nurse.post(chart + "/edit", form);
		assertThat(WebSession.location(saved)).endsWith(chart);
		Patient changed = patients.read(patient.id());
		assertThat(changed.version()).isEqualTo(2);
		assertThat(changed.mrn()).isEqualTo(patient.mrn());
		assertThat(changed.data().address()).isEqualTo(new Address("Veldstraat 12", "9000", "Gent", "BE"));
		assertThat(changed.data().phone()).isEqualTo("+32 470 12 34 56");
		assertThat(changed.identifiers()).contains(external, Identifier.ssin(ssin), Identifier.mrn(patient.mrn()));
		assertThat(nurse.get(chart).body()).contains("Tine " + word);
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'nurse' and action = 'UPDATE'
				  and resource_type = 'Patient' and patient_id = :id""")
			.param("id", patient.id().asString())
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from change_feed where patient_id = :id and operation = 'UPDATE'")
			.param("id", patient.id().asString())
			.query(Integer.class)
			.single()).isEqualTo(1);

		nurse.get(chart + "/edit");
		Map<String, String> stale = form(patient, ssin, "1");
		stale.put("city", "Brugge");
		HttpResponse<String> conflict = nurse.post(chart + "/edit", stale);
		assertThat(conflict.statusCode()).isEqualTo(409);
		assertThat(conflict.body()).contains("Someone else changed this registration", "value=\"Veldstraat 12\"",
				"name=\"version\" value=\"2\"");

		Map<String, String> wrong = form(patient, "72031400000", "2");
		wrong.put("family", "");
		HttpResponse<String> invalid = nurse.post(chart + "/edit", wrong);
		assertThat(invalid.statusCode()).isEqualTo(422);
		assertThat(invalid.body()).contains("Nothing was changed", "Enter the family name",
				"This is not a valid national number");

		String otherSsin = TestPatients.nationalNumber(BORN);
		while (sexOf(otherSsin) != sexOf(ssin)) {
			otherSsin = TestPatients.nationalNumber(BORN);
		}
		patients.register(new PatientData(List.of(Identifier.ssin(otherSsin)), "Anders", List.of("Iemand"), null, BORN,
				sexOf(otherSsin), Address.NONE, null, null, "nl", false));
		HttpResponse<String> taken = nurse.post(chart + "/edit", form(patient, otherSsin, "2"));
		assertThat(taken.statusCode()).isEqualTo(422);
		assertThat(taken.body()).contains("already registered for patient");
		assertThat(patients.read(patient.id())).isEqualTo(changed);
	}

	/**
	 * The form shows one name, one phone and one e-mail; the patient's other names and
	 * contact points (from FHIR) stay through an edit, and the phone the form changes is
	 * the first one, keeping its use.
	 */
	@Test
	void theFormKeepsTheNamesAndContactPointsItDoesNotShow() throws Exception {
		String word = TestPatients.uniqueWord();
		List<PersonName> names = List.of(
				new PersonName("official", null, "Claes", List.of("Ria", word), List.of(), List.of(), null, null),
				new PersonName("maiden", null, "Goossens", List.of("Ria"), List.of(), List.of(), null, "1998"));
		List<Telecom> telecoms = List.of(new Telecom("phone", "+32 9 111 11 11", "home", 2, null, null),
				new Telecom("phone", "+32 470 22 22 22", "mobile", 1, null, null),
				new Telecom("email", "ria@example.be", "work", null, null, null),
				new Telecom("phone", "+32 9 333 33 33", "old", null, null, "2020-06-30"));
		Patient patient = patients.register(new PatientData(List.of(), "Claes", List.of("Ria", word), null, BORN,
				Gender.FEMALE, Address.NONE, "+32 9 111 11 11", "ria@example.be", "nl", false, names, telecoms));
		assertThat(patient.data().phone()).isEqualTo("+32 9 111 11 11");
		assertThat(patient.data().email()).isEqualTo("ria@example.be");

		WebSession nurse = WebSession.signIn(port, "nurse");
		Map<String, String> form = form(patient, "", "1");
		form.put("phone", "+32 9 444 44 44");
		form.put("email", "ria@example.be");
		String chart = "/patients/" + patient.id();
		assertThat(nurse.get(chart + "/edit").body()).contains("value=\"+32 9 111 11 11\"");
		HttpResponse<String> saved = nurse.post(chart + "/edit", form);
		assertThat(WebSession.location(saved)).as(saved.body()).endsWith(chart);

		PatientData changed = patients.read(patient.id()).data();
		assertThat(changed.names()).isEqualTo(names);
		assertThat(changed.telecoms()).containsExactly(new Telecom("phone", "+32 9 444 44 44", "home", 2, null, null),
				telecoms.get(1), telecoms.get(2), telecoms.get(3));
		assertThat(changed.phone()).isEqualTo("+32 9 444 44 44");
	}

	@Test
	void aDeathIsRecordedAndAMistakenOneTakenBack() throws Exception {
		Patient patient = patients.register(TestPatients.data("Wouters", "Staf", TestPatients.uniqueWord()));
		String chart = "/patients/" + patient.id();
		WebSession nurse = WebSession.signIn(port, "nurse");
		assertThat(nurse.get(chart + "/edit").body()).contains("id=\"deceased\"").doesNotContain("checked");
		Map<String, String> died = form(patient, "", "1");
		died.put("deceased", "true");
		assertThat(WebSession.location(nurse.post(chart + "/edit", died))).endsWith(chart);
		assertThat(patients.read(patient.id()).deceased()).isTrue();
		assertThat(nurse.get(chart).body()).contains(">Deceased<");
		assertThat(nurse.get(chart + "/edit").body()).contains("checked");

		assertThat(WebSession.location(nurse.post(chart + "/edit", form(patient, "", "2")))).endsWith(chart);
		assertThat(patients.read(patient.id()).deceased()).as("unticked: a mistake undone").isFalse();
		assertThat(nurse.get(chart).body()).doesNotContain(">Deceased<");
	}

	@Test
	void rolesThatOnlyReadPatientsCannotChangeARegistration() throws Exception {
		Patient patient = patients.register(TestPatients.data("Baert", "Kobe", TestPatients.uniqueWord()));
		String chart = "/patients/" + patient.id();
		WebSession radiographer = WebSession.signIn(port, "radiographer");
		assertThat(radiographer.get(chart).body()).doesNotContain(chart + "/edit");
		assertThat(radiographer.get(chart + "/edit").statusCode()).isEqualTo(403);
		radiographer.get(chart);
		Map<String, String> form = form(patient, "", "1");
		form.put("family", "Overschreven");
		assertThat(radiographer.post(chart + "/edit", form).statusCode()).isEqualTo(403);
		assertThat(patients.read(patient.id()).family()).isEqualTo("Baert");
	}

	/** The sex a national number's serial says: odd for men, even for women. */
	private static Gender sexOf(String ssin) {
		return Integer.parseInt(ssin.substring(6, 9)) % 2 == 1 ? Gender.MALE : Gender.FEMALE;
	}

	private static Map<String, String> form(Patient patient, String ssin, String version) {
		PatientData data = patient.data();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("family", data.family());
		form.put("given", String.join(" ", data.given()));
		form.put("prefix", "");
		form.put("birthDate", data.birthDate() == null ? "" : data.birthDate().toString());
		form.put("gender", data.gender().code());
		form.put("nationalNumber", ssin);
		form.put("addressLine", data.address().line() == null ? "" : data.address().line());
		form.put("postalCode", data.address().postalCode() == null ? "" : data.address().postalCode());
		form.put("city", data.address().city() == null ? "" : data.address().city());
		form.put("phone", data.phone() == null ? "" : data.phone());
		form.put("email", "");
		form.put("language", "nl");
		form.put("version", version);
		return form;
	}

}
