package continuum.lab.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import continuum.ContinuumIntegrationTest;
import continuum.adt.Admission;
import continuum.adt.AdmissionService;
import continuum.adt.BedLocation;
import continuum.adt.Encounter;
import continuum.adt.EncounterClass;
import continuum.adt.LocationService;
import continuum.lab.CriticalAlert;
import continuum.lab.CriticalAlertService;
import continuum.lab.LabCatalogue;
import continuum.lab.LabChartFixtures;
import continuum.lab.LabOrderService;
import continuum.lab.ResultService;
import continuum.lab.SpecimenService;
import continuum.patients.Gender;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.security.Role;
import continuum.security.StaffService;
import continuum.web.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Critical-value alerts through real HTTP: the ordering physician's list with the patient
 * and the result, the acknowledgement (with a note, audited, once), the count in the top
 * bar that drops with it; 403 for the roles that receive no alerts, and no count for them
 * nor on error pages nor for a browser that has not signed in.
 */
@ContinuumIntegrationTest
class CriticalAlertWebIntegrationTests {

	private static final Pattern COUNT = Pattern.compile("id=\"lab-alert-count\" class=\"count\">(\\d+)<");

	@LocalServerPort
	int port;

	@Autowired
	LabOrderService orders;

	@Autowired
	SpecimenService specimens;

	@Autowired
	ResultService results;

	@Autowired
	CriticalAlertService alerts;

	@Autowired
	PatientService patients;

	@Autowired
	StaffService staff;

	@Autowired
	LabCatalogue catalogue;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LocationService locations;

	@Autowired
	AdmissionService admissions;

	LabChartFixtures lab;

	@BeforeEach
	void fixtures() {
		lab = new LabChartFixtures(orders, specimens, results, patients, staff, catalogue);
	}

	/** A critical potassium (7.2, above 6.5) released for a new patient. */
	private CriticalAlert criticalPotassium(PatientId patient, String physician) {
		lab.released(patient, physician, List.of("51990-0"), Instant.now().minus(Duration.ofHours(1)),
				Map.of("2823-3", "7.2"));
		List<CriticalAlert> raised = LabChartFixtures.as(physician, Role.PHYSICIAN, () -> alerts.ofPatient(patient));
		assertThat(raised).hasSize(1);
		return raised.get(0);
	}

	static int count(String page) {
		Matcher count = COUNT.matcher(page);
		assertThat(count.find()).as("the top bar shows the count").isTrue();
		return Integer.parseInt(count.group(1));
	}

	@Test
	void theOrderingPhysicianSeesTheAlertAcknowledgesItAndTheCountDrops() throws Exception {
		PatientId patient = lab.patient("Labo-Alerte", Gender.MALE);
		String mrn = patients.summaries(List.of(patient)).get(patient).mrn();
		String physician = lab.physician("alerts");
		CriticalAlert alert = criticalPotassium(patient, physician);
		String row = "alert-" + alert.id().asString();

		WebSession session = WebSession.signIn(port, physician);
		String home = session.get("/").body();
		int before = count(home);
		assertThat(before).isPositive();
		assertThat(home).contains("class=\"alert-count urgent\"", "href=\"/lab/alerts\"");

		HttpResponse<String> list = session.get("/lab/alerts");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(LabChartWebIntegrationTests.row(list.body(), row)).contains(mrn, "LABO-ALERTE, Anna", ">K<", "7.2",
				"flag-HH", "critical", "to the ordering physician",
				"/lab/alerts/" + alert.id().asString() + "/acknowledge");

		String other = "physician";
		WebSession otherPhysician = WebSession.signIn(port, other);
		assertThat(otherPhysician.get("/lab/alerts").body()).as("not addressed to another physician before escalation")
			.doesNotContain("id=\"" + row + "\"");
		assertThat(otherPhysician.post("/lab/alerts/" + alert.id().asString() + "/acknowledge", Map.of()).statusCode())
			.isEqualTo(403);

		HttpResponse<String> tooLong = session.post("/lab/alerts/" + alert.id().asString() + "/acknowledge",
				Map.of("note", "x".repeat(501)));
		assertThat(tooLong.statusCode()).isEqualTo(422);
		assertThat(tooLong.body()).contains("id=\"alerts-error\"", "at most 500 characters", "id=\"" + row + "\"");

		HttpResponse<String> ack = session.post("/lab/alerts/" + alert.id().asString() + "/acknowledge",
				Map.of("note", "Kayexalate given, ECG done"));
		assertThat(ack.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(ack)).endsWith("/lab/alerts");
		String after = session.get("/lab/alerts").body();
		assertThat(after).contains("Alert " + alert.id().asString() + " acknowledged.")
			.doesNotContain("id=\"" + row + "\"");
		assertThat(count(after)).isEqualTo(before - 1);
		assertThat(jdbc.sql("""
				select acknowledged_by || '|' || acknowledgement from lab_critical_alert where id = :id""")
			.param("id", alert.id().value())
			.query(String.class)
			.single()).isEqualTo(physician + "|Kayexalate given, ECG done");
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = :user and action = 'UPDATE' and outcome = 'SUCCESS'
				  and resource_type = 'Communication' and resource_id = :id and patient_id = :patient""")
			.param("user", physician)
			.param("id", alert.id().asString())
			.param("patient", patient.asString())
			.query(Long.class)
			.single()).as("the acknowledgement is audited").isEqualTo(1);

		assertThat(session.post("/lab/alerts/0" + alert.id().asString() + "/acknowledge", Map.of()).statusCode())
			.as("only the canonical id names an alert")
			.isEqualTo(404);
		HttpResponse<String> again = session.post("/lab/alerts/" + alert.id().asString() + "/acknowledge", Map.of());
		assertThat(again.statusCode()).isEqualTo(302);
		assertThat(session.get("/lab/alerts").body()).contains("already acknowledged by " + physician);
	}

	@Test
	void theNursesSeeTheAlertOfAnInpatientAndOneOfThemAcknowledgesIt() throws Exception {
		PatientId patient = lab.patient("Labo-Salle", Gender.FEMALE);
		BedLocation bed = locations.wards()
			.stream()
			.filter(w -> w.free() > 0)
			.map(w -> locations.freeBeds(w.ward().code()))
			.filter(beds -> !beds.isEmpty())
			.findFirst()
			.orElseThrow()
			.get(0);
		Encounter stay = admissions
			.admit(new Admission(patient, bed.id(), EncounterClass.INPATIENT, "Hyperkalaemia", "physician", null));
		try {
			WebSession nurse = WebSession.signIn(port, "nurse");
			int before = count(nurse.get("/").body());
			CriticalAlert alert = criticalPotassium(patient, lab.physician("ward"));
			assertThat(alert.wardCode()).isNotNull();
			String row = "alert-" + alert.id().asString();

			String list = nurse.get("/lab/alerts").body();
			assertThat(LabChartWebIntegrationTests.row(list, row)).contains("LABO-SALLE, Anna", "7.2",
					"to the ordering physician and the ward");
			assertThat(count(list)).isEqualTo(before + 1);
			HttpResponse<String> ack = nurse.post("/lab/alerts/" + alert.id().asString() + "/acknowledge",
					Map.of("note", "Physician called"));
			assertThat(ack.statusCode()).isEqualTo(302);
			assertThat(count(nurse.get("/lab/alerts").body())).isEqualTo(before);
			assertThat(jdbc.sql("select acknowledged_by from lab_critical_alert where id = :id")
				.param("id", alert.id().value())
				.query(String.class)
				.single()).isEqualTo("nurse");
		}
		finally {
			admissions.discharge(stay.id(), null, null);
		}
	}

	@Test
	void rolesThatReceiveNoAlertsAreRefusedTheListAndSeeNoCount() throws Exception {
		for (String user : List.of("radiographer", "labtech", "scheduler", "admin")) {
			WebSession session = WebSession.signIn(port, user);
			assertThat(session.get("/lab/alerts").statusCode()).as(user).isEqualTo(403);
			assertThat(session.post("/lab/alerts/1/acknowledge", Map.of()).statusCode()).as(user).isEqualTo(403);
			HttpResponse<String> home = session.get("/");
			assertThat(home.statusCode()).isEqualTo(200);
			assertThat(home.body()).as(user).doesNotContain("lab-alert-count", "/lab/alerts");
		}
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'radiographer' and outcome = 'DENIED'
				  and resource_type = 'Communication' and action = 'SEARCH'""").query(Long.class).single())
			.as("a refused list is audited")
			.isPositive();
		for (String user : List.of("physician", "nurse", "labmed")) {
			WebSession session = WebSession.signIn(port, user);
			assertThat(session.get("/lab/alerts").statusCode()).as(user).isEqualTo(200);
			assertThat(count(session.get("/").body())).as(user).isNotNegative();
		}
	}

	@Test
	void theCountStaysOffErrorPagesTheStatusPageAndRequestsNotSignedIn() throws Exception {
		WebSession physician = WebSession.signIn(port, "physician");
		HttpResponse<String> missing = physician.get("/patients/987654321");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("Not found").doesNotContain("lab-alert-count");
		HttpResponse<String> noPage = physician.get("/no-such-page");
		assertThat(noPage.statusCode()).isEqualTo(404);
		assertThat(noPage.body()).doesNotContain("lab-alert-count");
		HttpResponse<String> status = physician.get("/status");
		assertThat(status.statusCode()).isEqualTo(200);
		assertThat(status.body()).contains("lab-alert-count");

		WebSession anonymous = WebSession.anonymous(port);
		HttpResponse<String> anonymousStatus = anonymous.get("/status");
		assertThat(anonymousStatus.statusCode()).isEqualTo(200);
		assertThat(anonymousStatus.body()).doesNotContain("lab-alert-count", "/lab/alerts");
		HttpResponse<String> alertsPage = anonymous.get("/lab/alerts");
		assertThat(alertsPage.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(alertsPage)).endsWith("/login");
	}

}
