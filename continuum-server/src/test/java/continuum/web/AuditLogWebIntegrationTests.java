package continuum.web;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.Patient;
import continuum.patients.PatientData;
import continuum.patients.PatientService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auditors find who accessed a patient's data in the web UI, by MRN or id, user and days,
 * newest first and a page at a time, and check that the log is intact; their own searches
 * are audited, and other roles get neither the page nor the check.
 */
@ContinuumIntegrationTest
class AuditLogWebIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAuditorFindsWhoOpenedAChartByMrnAndPagesThroughIt() throws Exception {
		Patient patient = patients.register(new PatientData(List.of(), "Timmermans",
				List.of("Audit" + Long.toString(System.nanoTime() % 1_000_000, 36)), null, LocalDate.of(1950, 1, 2),
				Gender.MALE, Address.NONE, null, null, "nl", false));
		WebSession physician = WebSession.signIn(port, "physician");
		for (int i = 0; i < 15; i++) {
			assertThat(physician.get("/patients/" + patient.id()).statusCode()).isEqualTo(200);
		}
		int rows = jdbc.sql("select count(*) from audit_log where patient_id = :id")
			.param("id", patient.id().asString())
			.query(Integer.class)
			.single();
		assertThat(rows).isGreaterThan(50);

		WebSession auditor = WebSession.signIn(port, "auditor");
		assertThat(auditor.get("/").body()).contains("href=\"/audit\"");
		String first = auditor.get("/audit?patient=" + patient.mrn() + "&user=physician").body();
		assertThat(first).contains(">physician<", ">READ<", "Patient/" + patient.id(), "Entries 1 to 50, newest first",
				">Older</a>");
		assertThat(count(first, "<tr")).isEqualTo(51);
		String second = auditor.get("/audit?patient=" + patient.id() + "&user=physician&from=&to=&page=1").body();
		assertThat(second).contains("Entries 51 to", ">Newer</a>").doesNotContain(">Older</a>");
		assertThat(count(first, "<tr") - 1 + count(second, "<tr") - 1).as("every row of the physician's")
			.isEqualTo(jdbc.sql("select count(*) from audit_log where patient_id = :id and username = 'physician'")
				.param("id", patient.id().asString())
				.query(Integer.class)
				.single());
		// The day of the latest entry, in the hospital's zone: not today's date, which
		// may have
		// turned at midnight since the entry was written.
		String day = jdbc
			.sql("select max(recorded_at at time zone 'Europe/Brussels')::date::text from audit_log"
					+ " where patient_id = :id")
			.param("id", patient.id().asString())
			.query(String.class)
			.single();
		assertThat(auditor.get("/audit?patient=" + patient.mrn() + "&from=" + day + "&to=" + day).body())
			.contains("Patient/" + patient.id());
		assertThat(auditor.get("/audit?patient=" + patient.mrn() + "&to=2000-01-01").body()).contains("No entries");
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'auditor' and action = 'SEARCH'
				  and resource_type = 'AuditEvent' and patient_id = :id""")
			.param("id", patient.id().asString())
			.query(Integer.class)
			.single()).as("the auditor's searches, audited").isEqualTo(4);
	}

	@Test
	void anAuditorDownloadsTheSelectedEntriesAsCsv() throws Exception {
		Patient patient = patients.register(new PatientData(List.of(), "Verhaeghe",
				List.of("Csv" + Long.toString(System.nanoTime() % 1_000_000, 36)), null, LocalDate.of(1940, 5, 6),
				Gender.FEMALE, Address.NONE, null, null, "nl", false));
		WebSession physician = WebSession.signIn(port, "physician");
		physician.get("/patients/" + patient.id());
		WebSession auditor = WebSession.signIn(port, "auditor");
		assertThat(auditor.get("/audit?patient=" + patient.mrn()).body()).contains("id=\"export\"");
		HttpResponse<String> csv = auditor.get("/audit/export.csv?patient=" + patient.mrn() + "&user=physician");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
		String[] lines = csv.body().split("\r\n");
		assertThat(lines[0])
			.isEqualTo("recorded_at,username,role,action,resource_type,resource_id,patient_id,outcome,address,detail");
		int expected = jdbc.sql("select count(*) from audit_log where patient_id = :id and username = 'physician'")
			.param("id", patient.id().asString())
			.query(Integer.class)
			.single();
		assertThat(lines).hasSize(1 + expected);
		assertThat(lines[1]).contains(",physician,PHYSICIAN,", "," + patient.id() + ",SUCCESS,127.0.0.1");
		assertThat(auditor.get("/audit/export.csv?from=gisteren").statusCode()).isEqualTo(422);
		assertThat(WebSession.signIn(port, "nurse").get("/audit/export.csv").statusCode()).isEqualTo(403);
	}

	@Test
	void csvCellsAreQuotedAndNeverFormulas() {
		assertThat(AuditLogController.csv(null)).isEmpty();
		assertThat(AuditLogController.csv("READ")).isEqualTo("READ");
		assertThat(AuditLogController.csv("1 of 2, page 1")).isEqualTo("\"1 of 2, page 1\"");
		assertThat(AuditLogController.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(AuditLogController.csv("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(AuditLogController.csv("-1")).isEqualTo("'-1");
		assertThat(AuditLogController.csv("@cmd")).isEqualTo("'@cmd");
	}

	@Test
	void mistakesInTheFiltersAreExplained() throws Exception {
		WebSession auditor = WebSession.signIn(port, "auditor");
		HttpResponse<String> patient = auditor.get("/audit?patient=Peeters");
		assertThat(patient.statusCode()).isEqualTo(422);
		assertThat(patient.body()).contains("Enter a patient", "MRN or id, digits only");
		HttpResponse<String> day = auditor.get("/audit?from=26/11/2026");
		assertThat(day.statusCode()).isEqualTo(422);
		assertThat(day.body()).contains("Enter the day as YYYY-MM-DD");
		HttpResponse<String> backwards = auditor.get("/audit?from=2026-11-26&to=2026-11-01");
		assertThat(backwards.statusCode()).isEqualTo(422);
		assertThat(backwards.body()).contains("The last day is before the first");
	}

	@Test
	void auditorsAndAdministratorsCheckTheChainAndOthersMayNot() throws Exception {
		WebSession auditor = WebSession.signIn(port, "auditor");
		auditor.get("/audit");
		HttpResponse<String> checked = auditor.post("/audit/verify", Map.of());
		assertThat(checked.statusCode()).isEqualTo(200);
		assertThat(checked.body()).contains("The audit log is intact", "entries checked");

		WebSession admin = WebSession.signIn(port, "admin");
		assertThat(admin.get("/").body()).contains("href=\"/audit\"");
		String adminSearches = """
				select count(*) from audit_log where username = 'admin' and resource_type = 'AuditEvent'
				  and action = 'SEARCH'""";
		int searchesBefore = jdbc.sql(adminSearches).query(Integer.class).single();
		HttpResponse<String> adminPage = admin.get("/audit?patient=1");
		assertThat(adminPage.statusCode()).isEqualTo(200);
		assertThat(adminPage.body()).as("administrators run the check but do not read the log")
			.contains("id=\"verify\"")
			.doesNotContain("id=\"audit-entries\"", "class=\"filters\"");
		assertThat(admin.post("/audit/verify", Map.of()).body()).contains("The audit log is intact");
		assertThat(jdbc.sql(adminSearches).query(Integer.class).single()).as("no search was made for the admin")
			.isEqualTo(searchesBefore);

		WebSession nurse = WebSession.signIn(port, "nurse");
		assertThat(nurse.get("/").body()).doesNotContain("href=\"/audit\"");
		assertThat(nurse.get("/audit").statusCode()).isEqualTo(403);
		nurse.get("/");
		assertThat(nurse.post("/audit/verify", Map.of()).statusCode()).isEqualTo(403);
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'nurse' and resource_type = 'AuditEvent'
				  and outcome = 'DENIED' and action = 'SEARCH'""").query(Integer.class).single())
			.isGreaterThanOrEqualTo(1);
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'nurse' and resource_type = 'AuditEvent'
				  and outcome = 'DENIED' and detail like 'chain verification%'""").query(Integer.class).single())
			.as("a refused verification is audited")
			.isGreaterThanOrEqualTo(1);
	}

	private static int count(String page, String text) {
		int n = 0;
		for (int at = page.indexOf(text); at >= 0; at = page.indexOf(text, at + 1)) {
			n++;
		}
		return n;
	}

}
