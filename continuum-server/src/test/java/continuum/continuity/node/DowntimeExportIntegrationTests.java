package continuum.continuity.node;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import continuum.ContinuumIntegrationTest;
import continuum.changes.ChangeFeed;
import continuum.fhir.FhirTestSupport;
import continuum.patients.Address;
import continuum.patients.Allergy;
import continuum.patients.ClinicalCode;
import continuum.patients.ClinicalKind;
import continuum.patients.ClinicalRecordService;
import continuum.patients.Gender;
import continuum.patients.Patient;
import continuum.patients.PatientData;
import continuum.patients.PatientMergeService;
import continuum.patients.PatientService;
import continuum.scheduling.ActorKind;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.NewSchedule;
import continuum.scheduling.Schedule;
import continuum.scheduling.ScheduleService;
import continuum.scheduling.TemplateLine;
import continuum.security.NewStaffMember;
import continuum.security.Role;
import continuum.security.StaffMember;
import continuum.security.StaffService;
import continuum.web.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The initial load of a downtime node over real HTTP, as the system account
 * {@code interface}: snapshots page through every type, each row that holds exactly once;
 * records by id answer one per id asked, in order, deleted for what no longer holds;
 * staff accounts, schedules and slots reach the change feed; the API refuses everyone but
 * system accounts and answers bad parameters with a 400 problem.
 */
@ContinuumIntegrationTest
class DowntimeExportIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ChangeFeed feed;

	@Autowired
	PatientService patients;

	@Autowired
	ClinicalRecordService clinical;

	@Autowired
	PatientMergeService merges;

	@Autowired
	StaffService staff;

	@Autowired
	ScheduleService schedules;

	DowntimeApi api;

	String system;

	@BeforeEach
	void signIn() {
		api = new DowntimeApi(port);
		system = FhirTestSupport.token(port, "interface");
	}

	@Test
	void snapshotsListEveryRowThatHoldsExactlyOnce() throws Exception {
		String notMerged = " and not exists (select 1 from patient p where p.id = t.patient_id and p.merged_into is not null)";
		Map<String, String> expected = new LinkedHashMap<>();
		expected.put("Patient", "select cast(id as varchar) from patient where merged_into is null");
		expected.put("AllergyIntolerance",
				"select cast(id as varchar) from allergy_intolerance t where deleted_at is null"
						+ " and verification_status <> 'entered-in-error'" + notMerged);
		expected.put("MedicationStatement", "select cast(id as varchar) from medication_statement t"
				+ " where deleted_at is null and status <> 'entered-in-error'" + notMerged);
		expected.put("Condition", "select cast(id as varchar) from condition t where deleted_at is null"
				+ " and verification_status <> 'entered-in-error'" + notMerged);
		expected.put("Observation",
				"select cast(id as varchar) from lab_result t where stage = 'RELEASED'" + notMerged);
		expected.put("DiagnosticReport",
				"select 'img-' || id from imaging_report t" + " where status in ('FINAL', 'AMENDED')" + notMerged);
		expected.put("Encounter",
				"select cast(id as varchar) from adt_encounter t where status <> 'CANCELLED'" + notMerged);
		expected.put("Location", "select 'ward-' || id from adt_ward union all select 'room-' || id from adt_room"
				+ " union all select 'bed-' || id from adt_bed");
		expected.put("Appointment", "select cast(id as varchar) from sched_appointment t where true" + notMerged);
		expected.put("Schedule", "select cast(id as varchar) from sched_schedule");
		expected.put("Slot", "select cast(id as varchar) from sched_slot");
		expected.put("StaffAccount", "select cast(id as varchar) from app_user");
		DowntimeApi.Answer manifest = api.get("/api/downtime/manifest", system);
		assertThat(manifest.status()).isEqualTo(200);
		assertThat(manifest.body().get("protocol").asInt()).isEqualTo(1);
		assertThat(manifest.body().get("feedHead").asLong()).isPositive();
		assertThat(manifest.body().get("serverTime").asString()).endsWith("Z");
		List<String> types = new ArrayList<>();
		manifest.body().get("types").forEach(t -> types.add(t.asString()));
		assertThat(types).containsExactlyElementsOf(expected.keySet());
		for (Map.Entry<String, String> type : expected.entrySet()) {
			// Small pages for patients, so that paging itself is exercised many times.
			List<String> listed = snapshot(type.getKey(), type.getKey().equals("Patient") ? 37 : 1000);
			assertThat(new HashSet<>(listed)).as("%s listed once each", type.getKey()).hasSize(listed.size());
			assertThat(listed).as("%s", type.getKey())
				.containsExactlyInAnyOrderElementsOf(jdbc.sql(type.getValue()).query(String.class).list());
		}
	}

	private List<String> snapshot(String type, int limit) throws Exception {
		List<String> ids = new ArrayList<>();
		String after = null;
		do {
			DowntimeApi.Answer page = api.get("/api/downtime/snapshot?type=" + type + "&limit=" + limit
					+ (after == null ? "" : "&after=" + after), system);
			assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
			assertThat(page.body().get("type").asString()).isEqualTo(type);
			assertThat(page.body().get("records").size()).isLessThanOrEqualTo(limit);
			for (JsonNode record : page.body().get("records")) {
				assertThat(record.get("type").asString()).isEqualTo(type);
				assertThat(record.get("deleted").asBoolean()).isFalse();
				assertThat(record.get("data").isObject()).isTrue();
				ids.add(record.get("id").asString());
			}
			after = page.body().get("next").isNull() ? null : page.body().get("next").asString();
		}
		while (after != null);
		return ids;
	}

	@Test
	void recordsAnswerOnePerIdInTheOrderAskedAndDeletedForWhatNoLongerHolds() throws Exception {
		Patient survivor = patients.register(patient("Wouters"));
		Patient duplicate = patients.register(patient("Wauters"));
		Allergy live = allergy(survivor, "Penicillin", "confirmed");
		Allergy removed = allergy(survivor, "Latex", "confirmed");
		clinical.delete(ClinicalKind.ALLERGIES, removed.id());
		Allergy mistaken = allergy(survivor, "Peanut", "entered-in-error");
		Allergy ofDuplicate = allergy(duplicate, "Egg", "unconfirmed");
		merges.merge(duplicate.id(), survivor.id());

		JsonNode people = records("Patient", duplicate.id().asString(), survivor.id().asString(), "999999999");
		assertThat(people.get(0).get("id").asString()).isEqualTo(duplicate.id().asString());
		assertThat(people.get(0).get("deleted").asBoolean()).isFalse();
		assertThat(people.get(0).get("data").get("mergedInto").asString()).isEqualTo(survivor.id().asString());
		assertThat(people.get(1).get("patientId").asString()).isEqualTo(survivor.id().asString());
		assertThat(people.get(1).get("data").get("mergedInto").isNull()).isTrue();
		assertThat(people.get(1).get("data").get("familyName").asString()).isEqualTo("Wouters");
		assertThat(people.get(1).get("data").get("birthDate").asString()).isEqualTo("1979-02-28");
		assertThat(people.get(1).get("data").get("mrn").asString()).isEqualTo(survivor.mrn());
		assertThat(people.get(2).get("deleted").asBoolean()).isTrue();
		assertThat(people.get(2).get("id").asString()).isEqualTo("999999999");

		JsonNode allergies = records("AllergyIntolerance", Long.toString(mistaken.id()), Long.toString(live.id()),
				Long.toString(removed.id()), Long.toString(ofDuplicate.id()));
		assertThat(allergies.get(0).get("deleted").asBoolean()).isTrue();
		assertThat(allergies.get(1).get("deleted").asBoolean()).isFalse();
		assertThat(allergies.get(1).get("data").get("substance").asString()).isEqualTo("Penicillin");
		assertThat(allergies.get(1).get("data").get("criticality").asString()).isEqualTo("high");
		assertThat(allergies.get(1).get("data").get("reactions").get(0).asString()).isEqualTo("rash");
		assertThat(allergies.get(1).get("data").has("codeSystem")).isTrue();
		assertThat(allergies.get(1).get("data").get("codeSystem").isNull()).isTrue();
		assertThat(allergies.get(2).get("deleted").asBoolean()).isTrue();
		// The duplicate's allergy moved to the survivor with the merge: it holds, filed
		// there.
		assertThat(allergies.get(3).get("deleted").asBoolean()).isFalse();
		assertThat(allergies.get(3).get("patientId").asString()).isEqualTo(survivor.id().asString());

		long ward = jdbc.sql("select min(id) from adt_ward").query(Long.class).single();
		JsonNode places = records("Location", "bed-999999999", "ward-" + ward);
		assertThat(places.get(0).get("deleted").asBoolean()).isTrue();
		assertThat(places.get(1).get("data").get("kind").asString()).isEqualTo("ward");
		assertThat(places.get(1).get("data").get("wardId").asString()).isEqualTo("ward-" + ward);
	}

	private JsonNode records(String type, String... ids) throws Exception {
		DowntimeApi.Answer answer = api.get("/api/downtime/records?type=" + type + "&ids=" + String.join(",", ids),
				system);
		assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
		JsonNode records = answer.body().get("records");
		assertThat(records.size()).isEqualTo(ids.length);
		for (int i = 0; i < ids.length; i++) {
			assertThat(records.get(i).get("type").asString()).isEqualTo(type);
			assertThat(records.get(i).get("id").asString()).isEqualTo(ids[i]);
		}
		return records;
	}

	@Test
	void aPasswordChangeAndADisabledAccountReachTheFeedAndTheAccountsRecord() throws Exception {
		String username = "downtime" + System.nanoTime() % 1_000_000;
		StaffMember member = staff
			.createInitial(new NewStaffMember(username, "First-Password-481", Role.NURSE, "Maes", "Lotte", null));
		String id = Long.toString(member.id());
		JsonNode before = records("StaffAccount", id).get(0).get("data");
		assertThat(before.get("username").asString()).isEqualTo(username);
		assertThat(before.get("role").asString()).isEqualTo("nurse");
		assertThat(before.get("enabled").asBoolean()).isTrue();
		assertThat(before.get("locked").asBoolean()).isFalse();
		assertThat(before.get("passwordHash").asString()).startsWith("{bcrypt}$2");
		assertThat(before.get("demo").asBoolean()).as("not a demo account").isFalse();
		String demoNurse = Long
			.toString(jdbc.sql("select id from app_user where username = 'nurse'").query(Long.class).single());
		assertThat(records("StaffAccount", demoNurse).get(0).get("data").get("demo").asBoolean())
			.as("the demo hospital's nurse shares the demo password")
			.isTrue();
		long head = head();

		staff.resetPassword(member.id(), "Second-Password-592", false, null);
		WebSession own = WebSession.signIn(port, username, "Second-Password-592");
		own.get("/account/password");
		own.post("/account/password", Map.of("current", "Second-Password-592", "password", "Third-Password-603",
				"confirm", "Third-Password-603"));
		staff.setEnabled(member.id(), false);
		feed.sequencePending();

		List<String> operations = new ArrayList<>();
		for (JsonNode change : changesAfter(head)) {
			if (change.get("resourceType").asString().equals("StaffAccount")
					&& change.get("resourceId").asString().equals(id)) {
				assertThat(change.get("patientId").isNull()).isTrue();
				operations.add(change.get("operation").asString());
			}
		}
		// The reset, the user's own change, the disabling.
		assertThat(operations).containsExactly("UPDATE", "UPDATE", "UPDATE");
		JsonNode after = records("StaffAccount", id).get(0).get("data");
		assertThat(after.get("enabled").asBoolean()).isFalse();
		assertThat(after.get("passwordHash").asString()).isNotEqualTo(before.get("passwordHash").asString());
		assertThat(after.get("credentialsVersion").asInt()).isEqualTo(before.get("credentialsVersion").asInt() + 2);
	}

	@Test
	void aLockoutAfterFailedSignInsReachesTheFeedOnceWhenItStarts() throws Exception {
		String username = "lockout" + System.nanoTime() % 1_000_000;
		StaffMember member = staff
			.createInitial(new NewStaffMember(username, "Right-Password-724", Role.NURSE, "Goossens", "Ilse", null));
		String id = Long.toString(member.id());
		// Its user signed in from here before: only failures from a known address lock.
		WebSession.signIn(port, username, "Right-Password-724");
		feed.sequencePending();
		long head = head();

		for (int attempt = 0; attempt < 6; attempt++) {
			WebSession browser = WebSession.anonymous(port);
			browser.get("/login");
			browser.post("/login", Map.of("username", username, "password", "wrong-password-" + attempt));
		}
		feed.sequencePending();

		List<String> operations = new ArrayList<>();
		for (JsonNode change : changesAfter(head)) {
			if (change.get("resourceType").asString().equals("StaffAccount")
					&& change.get("resourceId").asString().equals(id)) {
				operations.add(change.get("operation").asString());
			}
		}
		assertThat(operations).as("the fifth failure locks; the sixth changes nothing").containsExactly("UPDATE");
		JsonNode locked = records("StaffAccount", id).get(0).get("data");
		assertThat(locked.get("locked").asBoolean()).isTrue();
		assertThat(locked.get("lockedUntil").isNull()).isFalse();
	}

	@Test
	void schedulesAndEveryGeneratedSlotReachTheFeed() throws Exception {
		long head = head();
		Schedule schedule = schedules.create(new NewSchedule("Downtime feed " + System.nanoTime() % 100_000,
				ActorKind.LOCATION, "Location/room-" + System.nanoTime() % 100_000, "Cardiology", null));
		schedules.setTemplate(schedule.id(),
				List.of(new TemplateLine(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(10, 0),
						AppointmentType.CONSULTATION, 20),
						new TemplateLine(DayOfWeek.SATURDAY, LocalTime.of(8, 0), LocalTime.of(9, 0),
								AppointmentType.CONSULTATION, 20)),
				null);
		feed.sequencePending();

		List<String> scheduleChanges = new ArrayList<>();
		Set<String> slotsCreated = new HashSet<>();
		for (JsonNode change : changesAfter(head)) {
			String type = change.get("resourceType").asString();
			if (type.equals("Schedule") && change.get("resourceId").asString().equals(schedule.id().asString())) {
				scheduleChanges.add(change.get("operation").asString());
			}
			if (type.equals("Slot") && change.get("operation").asString().equals("CREATE")) {
				slotsCreated.add(change.get("resourceId").asString());
			}
		}
		assertThat(scheduleChanges).containsExactly("CREATE", "UPDATE");
		List<String> slots = jdbc.sql("select cast(id as varchar) from sched_slot where schedule_id = :id")
			.param("id", schedule.id().value())
			.query(String.class)
			.list();
		assertThat(slots).isNotEmpty();
		assertThat(slotsCreated).containsAll(slots);
		JsonNode slot = records("Slot", slots.get(0)).get(0).get("data");
		assertThat(slot.get("scheduleId").asString()).isEqualTo(schedule.id().asString());
		assertThat(slot.get("status").asString()).isEqualTo("free");
		JsonNode record = records("Schedule", schedule.id().asString()).get(0).get("data");
		assertThat(record.get("active").asBoolean()).isTrue();
	}

	@Test
	void onlySystemAccountsMayUseTheDowntimeApi() throws Exception {
		String nurse = FhirTestSupport.token(port, "nurse");
		for (String path : List.of("/api/downtime/manifest", "/api/downtime/snapshot?type=Patient",
				"/api/downtime/snapshot?type=StaffAccount", "/api/downtime/records?type=StaffAccount&ids=1",
				"/api/changes")) {
			DowntimeApi.Answer answer = api.get(path, nurse);
			assertThat(answer.status()).as(path).isEqualTo(403);
			assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
		}
		assertThat(api.post("/api/downtime/audit", nurse, "{\"nodeId\":\"n\",\"entries\":[]}").status()).isEqualTo(403);
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'nurse' and outcome = 'DENIED'
				and resource_type in ('DowntimeManifest', 'DowntimeSnapshot', 'DowntimeRecords', 'DowntimeAudit')""")
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(5);
	}

	@Test
	void badParametersAreA400ProblemNamingThem() throws Exception {
		Map<String, String> refused = new LinkedHashMap<>();
		refused.put("/api/changes?after=-1", "'after'");
		refused.put("/api/changes?after=abc", "'after'");
		refused.put("/api/changes?after=01", "'after'");
		refused.put("/api/changes?limit=0", "'limit'");
		refused.put("/api/changes?limit=5001", "'limit'");
		refused.put("/api/downtime/snapshot", "'type'");
		refused.put("/api/downtime/snapshot?type=Practitioner", "'type'");
		refused.put("/api/downtime/snapshot?type=Patient&limit=1001", "'limit'");
		refused.put("/api/downtime/snapshot?type=Patient&after=-5", "'after'");
		refused.put("/api/downtime/snapshot?type=Location&after=ward-x", "'after'");
		refused.put("/api/downtime/records?type=Patient", "'ids'");
		refused.put("/api/downtime/records?type=Patient&ids=1,,2", "'ids'");
		refused.put("/api/downtime/records?type=Patient&ids=abc", "'ids'");
		refused.put("/api/downtime/records?type=Location&ids=7", "'ids'");
		refused.put("/api/downtime/records?type=Patient&ids=" + "1,".repeat(500) + "1", "'ids'");
		for (Map.Entry<String, String> request : refused.entrySet()) {
			DowntimeApi.Answer answer = api.get(request.getKey(), system);
			assertThat(answer.status()).as(request.getKey()).isEqualTo(400);
			assertThat(answer.contentType()).as(request.getKey()).startsWith("application/problem+json");
			assertThat(answer.body().get("detail").asString()).as(request.getKey()).contains(request.getValue());
		}
		DowntimeApi.Answer last = api.get("/api/changes?after=0&limit=5000", system);
		assertThat(last.status()).isEqualTo(200);
		assertThat(last.body().get("head").asLong()).isGreaterThanOrEqualTo(last.body().get("next").asLong());
	}

	private long head() throws Exception {
		feed.sequencePending();
		return api.get("/api/downtime/manifest", system).body().get("feedHead").asLong();
	}

	private List<JsonNode> changesAfter(long position) throws Exception {
		List<JsonNode> changes = new ArrayList<>();
		long after = position;
		while (true) {
			DowntimeApi.Answer answer = api.get("/api/changes?after=" + after + "&limit=5000", system);
			assertThat(answer.status()).isEqualTo(200);
			answer.body().get("changes").forEach(changes::add);
			if (answer.body().get("next").asLong() == answer.body().get("head").asLong()) {
				return changes;
			}
			after = answer.body().get("next").asLong();
		}
	}

	private static PatientData patient(String family) {
		return new PatientData(List.of(), family, List.of("Noor"), null, LocalDate.of(1979, 2, 28), Gender.FEMALE,
				new Address("Veldstraat 3", "9000", "Gent", "BE"), null, null, "nl", false);
	}

	private Allergy allergy(Patient patient, String substance, String verification) {
		return clinical.record(ClinicalKind.ALLERGIES, Allergy.of(patient.id(), ClinicalCode.text(substance),
				"medication", "high", "active", verification, List.of("rash"), "severe", LocalDate.of(2021, 3, 1)));
	}

}
