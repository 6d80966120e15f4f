package continuum.privacy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import continuum.ContinuumIntegrationTest;
import continuum.adt.Admission;
import continuum.adt.AdmissionService;
import continuum.adt.BedId;
import continuum.adt.BedStatus;
import continuum.adt.EncounterClass;
import continuum.adt.LocationKind;
import continuum.adt.LocationService;
import continuum.adt.NewPlace;
import continuum.adt.Place;
import continuum.adt.Specialty;
import continuum.fhir.FhirTestSupport;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.Patient;
import continuum.patients.PatientData;
import continuum.patients.PatientService;
import continuum.security.CareUnitService;
import continuum.security.Interaction;
import continuum.security.NewStaffMember;
import continuum.security.PatientAccess;
import continuum.security.Role;
import continuum.security.StaffService;
import continuum.web.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rule for restricted records as a matrix: every role × a patient not restricted, a
 * restricted one in the user's care (lying on the user's ward), one in nobody's care, one
 * opened by a break-the-glass in force, one whose break-the-glass expired — through the
 * web chart, FHIR read, FHIR search, the change feed and the downtime export. The test
 * builds its own ward, patients and staff accounts (one per role, working on that ward),
 * so the shared context's demo data and settings stay as they were; expiry is tested by
 * moving a break-the-glass's times in the database, not the clock.
 */
@ContinuumIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestrictedRecordMatrixIntegrationTests {

	private static final AtomicInteger RUN = new AtomicInteger();

	/** The roles that read patients, each bound by the rule. */
	private static final List<Role> CLINICAL = List.of(Role.PHYSICIAN, Role.NURSE, Role.LAB_TECHNOLOGIST,
			Role.LAB_SPECIALIST, Role.RADIOLOGIST, Role.RADIOGRAPHER, Role.SCHEDULER);

	enum Case {

		OPEN, RELATED, UNRELATED, GLASS, EXPIRED

	}

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	RestrictionService restrictions;

	@Autowired
	LocationService locations;

	@Autowired
	AdmissionService admissions;

	@Autowired
	StaffService staff;

	@Autowired
	CareUnitService careUnits;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	String family;

	final Map<Case, Patient> cases = new EnumMap<>(Case.class);

	final Map<Role, String> users = new EnumMap<>(Role.class);

	final Map<Role, String> tokens = new EnumMap<>(Role.class);

	@BeforeAll
	void buildTheHospitalCorner() {
		String word = word();
		family = "Zorgvliet" + word;
		// Test wards' codes begin with T (the demo hospital's census leaves them out).
		String wardCode = "TPRIV" + word.substring(0, Math.min(8, word.length())).toUpperCase();
		Place ward = locations.create(new NewPlace(LocationKind.WARD, wardCode, "Testafdeling privacy",
				Specialty.PULMONOLOGY, null, BedStatus.OPERATIONAL));
		Place room = locations
			.create(new NewPlace(LocationKind.ROOM, "801", null, null, ward.ref(), BedStatus.OPERATIONAL));
		Place bed = locations
			.create(new NewPlace(LocationKind.BED, "801A", null, null, room.ref(), BedStatus.OPERATIONAL));
		for (Case c : Case.values()) {
			Patient patient = patients
				.register(new PatientData(List.of(), family, List.of(c.name().toLowerCase()), null,
						LocalDate.of(1970, 1, 2 + c.ordinal()), Gender.FEMALE, Address.NONE, null, null, "nl", false));
			cases.put(c, patient);
			if (c != Case.OPEN) {
				restrictions.restrict(patient.id(), RestrictionKind.VIP);
			}
		}
		admissions.admit(new Admission(cases.get(Case.RELATED).id(), new BedId(bed.ref().id()),
				EncounterClass.INPATIENT, null, null, null));
		for (Role role : CLINICAL) {
			String username = "btg" + word + role.ordinal();
			staff.createInitial(new NewStaffMember(username, ContinuumIntegrationTest.DEMO_PASSWORD, role, "Test",
					role.name().toLowerCase(), null));
			careUnits.setInitial(username, wardCode, null);
			users.put(role, username);
		}
		for (Role role : List.of(Role.PRIVACY_OFFICER, Role.AUDITOR, Role.ADMIN, Role.SYSTEM)) {
			users.put(role, role.demoUsername());
		}
		users.forEach((role, username) -> tokens.put(role, FhirTestSupport.token(port, username)));
		for (Role role : CLINICAL) {
			for (Case c : List.of(Case.GLASS, Case.EXPIRED)) {
				HttpResponse<String> glass = breakGlass(role, cases.get(c), "EMERGENCY_CARE");
				assertThat(glass.statusCode()).as("%s breaks the glass", role).isEqualTo(200);
				if (c == Case.EXPIRED) {
					// As if the glass had been broken nine hours ago: expired under the 8
					// h default.
					jdbc.sql("""
							update privacy_break_glass set started_at = started_at - interval '9 hours',
							  expires_at = expires_at - interval '9 hours' where id = :id""")
						.param("id", id(glass.body()))
						.update();
				}
			}
		}
	}

	@Test
	void fhirReadAndWebChartFollowTheRuleForEveryRole() throws Exception {
		for (Role role : List.of(Role.PHYSICIAN, Role.NURSE, Role.LAB_TECHNOLOGIST, Role.LAB_SPECIALIST,
				Role.RADIOLOGIST, Role.RADIOGRAPHER, Role.SCHEDULER, Role.PRIVACY_OFFICER, Role.AUDITOR, Role.ADMIN,
				Role.SYSTEM)) {
			WebSession web = role == Role.SYSTEM ? null : WebSession.signIn(port, users.get(role));
			for (Case c : Case.values()) {
				String id = cases.get(c).id().asString();
				boolean readsPatients = role.allows("Patient", Interaction.READ);
				boolean open = readsPatients && (role == Role.SYSTEM || c != Case.UNRELATED && c != Case.EXPIRED);
				HttpResponse<String> read = get("/fhir/Patient/" + id, role);
				assertThat(read.statusCode()).as("FHIR read of %s by %s", c, role).isEqualTo(open ? 200 : 403);
				if (readsPatients && !open) {
					assertThat(read.body()).as("OperationOutcome for %s by %s", c, role)
						.contains("OperationOutcome", "break the glass", "/api/break-the-glass");
				}
				if (web == null) {
					continue;
				}
				HttpResponse<String> chart = web.get("/patients/" + id);
				if (!readsPatients) {
					assertThat(chart.statusCode()).as("chart of %s for %s", c, role).isEqualTo(403);
				}
				else if (open) {
					assertThat(chart.statusCode()).as("chart of %s for %s", c, role).isEqualTo(200);
					assertThat(chart.body().contains("id=\"emergency-access-banner\""))
						.as("emergency banner on %s for %s", c, role)
						.isEqualTo(c == Case.GLASS);
					assertThat(chart.body().contains("id=\"restricted-banner\"")).as("restricted banner")
						.isEqualTo(c == Case.RELATED);
				}
				else {
					assertThat(chart.statusCode()).as("chart of %s for %s", c, role).isEqualTo(302);
					assertThat(WebSession.location(chart)).endsWith("/patients/" + id + "/break-the-glass");
				}
			}
		}
	}

	@Test
	void fhirSearchLeavesOutWhatTheCallerMayNotOpenAndCountsOnlyTheRest() throws Exception {
		for (Role role : CLINICAL) {
			HttpResponse<String> bundle = get("/fhir/Patient?family=" + family + "&_total=accurate", role);
			assertThat(bundle.statusCode()).isEqualTo(200);
			assertThat(ids(bundle.body())).as("search by %s", role)
				.containsExactlyInAnyOrder(id(Case.OPEN), id(Case.RELATED), id(Case.GLASS));
			assertThat(bundle.body()).as("total for %s", role).containsPattern("\"total\"\\s*:\\s*3[,}\\s]");
		}
		HttpResponse<String> system = get("/fhir/Patient?family=" + family + "&_total=accurate", Role.SYSTEM);
		assertThat(ids(system.body())).hasSize(Case.values().length);
	}

	@Test
	void webSearchShowsRestrictedRecordsByNameAndBirthDateOnly() throws Exception {
		WebSession nurse = WebSession.signIn(port, users.get(Role.NURSE));
		String page = nurse.get("/patients?q=" + family).body();
		String restricted = page.substring(page.indexOf("id=\"restricted-results\""));
		assertThat(restricted)
			.contains("/patients/" + id(Case.UNRELATED) + "/break-the-glass", "04/01/1970", "unrelated")
			.doesNotContain(cases.get(Case.UNRELATED).mrn());
		assertThat(page.substring(0, page.indexOf("id=\"restricted-results\""))).contains("related")
			.doesNotContain("/patients/" + id(Case.UNRELATED) + "\"");
	}

	@Test
	void aReadThatLearnsItsPatientAfterLoadingIsRefusedAtTheAuditRow() throws Exception {
		// The Encounter is read by id: the access check does not know the patient, the
		// audit row of the read does.
		String encounter = jdbc
			.sql("select resource_id from audit_log where resource_type = 'Encounter'"
					+ " and action = 'CREATE' and patient_id = :p order by id desc limit 1")
			.param("p", id(Case.RELATED))
			.query(String.class)
			.single();
		String stranger = "btgstranger" + word();
		staff.createInitial(new NewStaffMember(stranger, ContinuumIntegrationTest.DEMO_PASSWORD, Role.PHYSICIAN, "Test",
				"stranger", null));
		String token = FhirTestSupport.token(port, stranger);
		HttpResponse<String> refused = http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/Encounter/" + encounter))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("break the glass");
		assertThat(get("/fhir/Encounter/" + encounter, Role.NURSE).statusCode()).isEqualTo(200);
		assertThat(jdbc
			.sql("select count(*) from audit_log where username = :u and outcome = 'DENIED'"
					+ " and patient_id = :p and detail like 'restricted record%'")
			.param("u", stranger)
			.param("p", id(Case.RELATED))
			.query(Integer.class)
			.single()).isPositive();
	}

	@Test
	void readsUnderABrokenGlassAreAuditedAsEmergencyAccess() throws Exception {
		assertThat(get("/fhir/Patient/" + id(Case.GLASS), Role.RADIOLOGIST).statusCode()).isEqualTo(200);
		List<String> details = jdbc
			.sql("select detail from audit_log where username = :u and patient_id = :p and resource_type = 'Patient'"
					+ " and action = 'READ' and outcome = 'SUCCESS'")
			.param("u", users.get(Role.RADIOLOGIST))
			.param("p", id(Case.GLASS))
			.query(String.class)
			.list();
		assertThat(details).isNotEmpty().allMatch(d -> d.startsWith(PatientAccess.EMERGENCY_MARK));
		assertThat(jdbc
			.sql("select count(*) from audit_log where username = :u and patient_id = :p"
					+ " and resource_type = 'BreakTheGlass' and action = 'CREATE'")
			.param("u", users.get(Role.RADIOLOGIST))
			.param("p", id(Case.GLASS))
			.query(Integer.class)
			.single()).isEqualTo(1);
		// Reads in the user's care are not marked.
		get("/fhir/Patient/" + id(Case.RELATED), Role.RADIOLOGIST);
		assertThat(jdbc
			.sql("select detail from audit_log where username = :u and patient_id = :p"
					+ " and resource_type = 'Patient' and action = 'READ'")
			.param("u", users.get(Role.RADIOLOGIST))
			.param("p", id(Case.RELATED))
			.query(String.class)
			.list()).isNotEmpty().allMatch(d -> d == null || !d.startsWith(PatientAccess.EMERGENCY_MARK));
	}

	@Test
	void aBreakTheGlassOpensTheRecordUntilItsEndAndNotAMomentLonger() throws Exception {
		Patient patient = patients.register(new PatientData(List.of(), "Zeldenrust" + word(), List.of("boundary"), null,
				LocalDate.of(1970, 2, 1), Gender.MALE, Address.NONE, null, null, "nl", false));
		restrictions.restrict(patient.id(), RestrictionKind.HIV);
		String path = "/fhir/Patient/" + patient.id().asString();
		assertThat(get(path, Role.NURSE).statusCode()).isEqualTo(403);
		long glass = id(breakGlass(Role.NURSE, patient, "CONSULTATION").body());
		assertThat(jdbc.sql("select expires_at - started_at from privacy_break_glass where id = :id")
			.param("id", glass)
			.query(String.class)
			.single()).isEqualTo("08:00:00");
		jdbc.sql("update privacy_break_glass set expires_at = now() + interval '1 minute' where id = :id")
			.param("id", glass)
			.update();
		assertThat(get(path, Role.NURSE).statusCode()).isEqualTo(200);
		jdbc.sql("update privacy_break_glass set expires_at = now() - interval '1 millisecond' where id = :id")
			.param("id", glass)
			.update();
		assertThat(get(path, Role.NURSE).statusCode()).isEqualTo(403);
	}

	@Test
	void theChangeFeedAndTheDowntimeExportCarryRestrictedRecordsToSystemAccountsOnly() throws Exception {
		Set<String> restrictedIds = Set.of(id(Case.RELATED), id(Case.UNRELATED), id(Case.GLASS), id(Case.EXPIRED));
		for (String id : restrictedIds) {
			// The feed numbers changes a moment after they commit.
			long seq = await().atMost(Duration.ofSeconds(30))
				.until(() -> jdbc
					.sql("select coalesce(max(seq), 0) from change_feed"
							+ " where resource_type = 'PatientRestriction' and resource_id = :id")
					.param("id", id)
					.query(Long.class)
					.single(), position -> position > 0);
			assertThat(get("/api/changes?after=" + (seq - 1) + "&limit=1", Role.SYSTEM).body())
				.contains("\"resourceType\":\"PatientRestriction\",\"resourceId\":\"" + id + "\"");
		}
		String records = get("/api/downtime/records?type=Patient&ids=" + String.join(",", restrictedIds), Role.SYSTEM)
			.body();
		for (String id : restrictedIds) {
			assertThat(records).contains("\"id\":\"" + id + "\"");
		}
		for (Role role : CLINICAL) {
			assertThat(get("/api/changes?after=0", role).statusCode()).as("feed for %s", role).isEqualTo(403);
			assertThat(get("/api/downtime/records?type=Patient&ids=" + id(Case.UNRELATED), role).statusCode())
				.as("downtime export for %s", role)
				.isEqualTo(403);
		}
	}

	@Test
	void breakingTheGlassNeedsAReasonAPatientReadingRoleAndARestrictedRecord() throws Exception {
		assertThat(breakGlass(Role.NURSE, cases.get(Case.UNRELATED), "BORED").statusCode()).isEqualTo(422);
		assertThat(breakGlass(Role.NURSE, cases.get(Case.OPEN), "EMERGENCY_CARE").statusCode()).isEqualTo(422);
		assertThat(breakGlass(Role.NURSE, cases.get(Case.RELATED), "EMERGENCY_CARE").statusCode()).isEqualTo(422);
		assertThat(breakGlass(Role.AUDITOR, cases.get(Case.UNRELATED), "EMERGENCY_CARE").statusCode()).isEqualTo(403);
		assertThat(jdbc.sql("select count(*) from privacy_break_glass where patient_id = :p and username = :u")
			.param("p", cases.get(Case.UNRELATED).id().value())
			.param("u", users.get(Role.NURSE))
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void thePrivacyOfficerReviewsEachEmergencyAccessAndReportsWhoLookedAtARecord() throws Exception {
		long glass = jdbc.sql("select id from privacy_break_glass where username = :u and patient_id = :p")
			.param("u", users.get(Role.NURSE))
			.param("p", cases.get(Case.GLASS).id().value())
			.query(Long.class)
			.single();
		WebSession privacy = WebSession.signIn(port, Role.PRIVACY_OFFICER.demoUsername());
		String link = "/privacy/reviews/" + glass + "\"";
		assertThat(privacy.get("/privacy/reviews").body()).contains(link);
		assertThat(privacy.get("/privacy/reviews/" + glass).body()).contains("Brought in unconscious");
		HttpResponse<String> reviewed = privacy.post("/privacy/reviews/" + glass,
				Map.of("finding", "justified", "comment", "Admitted through the emergency department"));
		assertThat(reviewed.statusCode()).isEqualTo(302);
		assertThat(privacy.get("/privacy/reviews").body()).doesNotContain(link);
		assertThat(privacy.get("/privacy/reviews?status=closed").body()).contains(link);
		privacy.get("/privacy/reviews/" + glass);
		assertThat(privacy.post("/privacy/reviews/" + glass, Map.of("finding", "not-justified", "comment", "Again"))
			.statusCode()).as("reviewed once").isEqualTo(409);
		assertThat(jdbc.sql("select review_comment from privacy_break_glass where id = :id")
			.param("id", glass)
			.query(String.class)
			.single()).isEqualTo("Admitted through the emergency department");
		assertThat(jdbc
			.sql("select count(*) from audit_log where username = 'privacy' and action = 'UPDATE'"
					+ " and resource_type = 'BreakTheGlass' and resource_id = :id")
			.param("id", Long.toString(glass))
			.query(Integer.class)
			.single()).isEqualTo(1);

		String mrn = cases.get(Case.GLASS).mrn();
		String report = privacy.get("/privacy?mrn=" + mrn).body();
		String section = report.substring(report.indexOf("id=\"access-report\""));
		assertThat(section).contains(users.get(Role.NURSE), "emergency access (break-the-glass)",
				"class=\"emergency\"");
		HttpResponse<byte[]> csv = privacy.download("/privacy/access-report.csv?mrn=" + mrn);
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(new String(csv.body(), StandardCharsets.UTF_8)).startsWith("time,user,role,action,record")
			.contains("\"" + users.get(Role.NURSE) + "\"", "emergency access (break-the-glass)");
		assertThat(jdbc
			.sql("select count(*) from audit_log where username = 'privacy' and action = 'EXPORT'"
					+ " and resource_type = 'AccessReport' and patient_id = :p")
			.param("p", id(Case.GLASS))
			.query(Integer.class)
			.single()).isEqualTo(2);

		WebSession nurse = WebSession.signIn(port, users.get(Role.NURSE));
		assertThat(nurse.get("/privacy/reviews").statusCode()).isEqualTo(403);
		assertThat(nurse.get("/privacy?mrn=" + mrn).statusCode()).isEqualTo(403);
	}

	@Test
	void aPhysicianInTheCareTeamRestrictsARecordAndTheChartSaysSo() throws Exception {
		Patient patient = patients.register(new PatientData(List.of(), "Zeldenrust" + word(), List.of("flagged"), null,
				LocalDate.of(1970, 3, 1), Gender.FEMALE, Address.NONE, null, null, "nl", false));
		WebSession physician = WebSession.signIn(port, users.get(Role.PHYSICIAN));
		String path = "/patients/" + patient.id().asString();
		assertThat(physician.get(path).body()).contains("id=\"restriction-link\"").doesNotContain("restricted-banner");
		physician.get(path + "/restriction");
		assertThat(physician.post(path + "/restriction", Map.of("kind", "PSYCHIATRY")).statusCode()).isEqualTo(302);
		// Not in the physician's care: the chart now asks for the glass.
		assertThat(WebSession.location(physician.get(path))).endsWith(path + "/break-the-glass");
		WebSession nurse = WebSession.signIn(port, users.get(Role.NURSE));
		nurse.get(path + "/restriction");
		assertThat(nurse.post(path + "/restriction", Map.of("lift", "true")).statusCode()).isEqualTo(403);
		assertThat(jdbc.sql("select count(*) from audit_log where resource_type = 'PatientRestriction'"
				+ " and patient_id = :p and username = :u and action = 'CREATE' and detail = 'restricted: PSYCHIATRY'")
			.param("p", patient.id().asString())
			.param("u", users.get(Role.PHYSICIAN))
			.query(Integer.class)
			.single()).isEqualTo(1);
		restrictions.lift(patient.id());
		assertThat(physician.get(path).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> breakGlass(Role role, Patient patient, String reason) {
		try {
			String form = "patient=" + patient.id().asString() + "&reason=" + reason + "&explanation="
					+ URLEncoder.encode("Brought in unconscious", StandardCharsets.UTF_8);
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/break-the-glass"))
				.header("Authorization", "Bearer " + tokens.get(role))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> get(String path, Role role) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + tokens.get(role))
			.header("Accept", path.startsWith("/fhir") ? "application/fhir+json" : "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String id(Case c) {
		return cases.get(c).id().asString();
	}

	private static long id(String json) {
		Matcher matcher = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(json);
		assertThat(matcher.find()).as("id in %s", json).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	/** Patient ids of a search Bundle's entries. */
	private static List<String> ids(String bundle) {
		List<String> ids = new ArrayList<>();
		Matcher matcher = Pattern.compile("\"fullUrl\"\\s*:\\s*\"[^\"]*/Patient/(\\d+)\"").matcher(bundle);
		while (matcher.find()) {
			ids.add(matcher.group(1));
		}
		return ids;
	}

	/** Letters no other test's names hold. */
	private static String word() {
		String letters = "bcdfghjklmnpqrstvwxz";
		long n = RUN.incrementAndGet() * 7919L + System.nanoTime() % 1_000_000;
		StringBuilder sb = new StringBuilder();
		while (n > 0) {
			sb.append(letters.charAt((int) (n % letters.length())));
			n /= letters.length();
		}
		return sb.toString();
	}

}
