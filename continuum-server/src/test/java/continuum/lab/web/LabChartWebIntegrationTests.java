package continuum.lab.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import continuum.lab.LabCatalogue;
import continuum.lab.LabChartFixtures;
import continuum.lab.LabOrderService;
import continuum.lab.LabResult;
import continuum.lab.ResultService;
import continuum.lab.SpecimenService;
import continuum.patients.Gender;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.security.StaffService;
import continuum.web.WebSession;
import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The laboratory in the chart through real HTTP: the chart's section (newest released
 * result of each test, flags, corrections, open alerts) for the roles that may read
 * results and for nobody else, the cumulative table, the plot's JSON series, and never a
 * result the clinical biologist has not released.
 */
@ContinuumIntegrationTest
class LabChartWebIntegrationTests {

	private static final Pattern COLUMN = Pattern.compile("<time datetime=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	LabOrderService orders;

	@Autowired
	SpecimenService specimens;

	@Autowired
	ResultService results;

	@Autowired
	PatientService patients;

	@Autowired
	StaffService staff;

	@Autowired
	LabCatalogue catalogue;

	@Autowired
	JdbcClient jdbc;

	LabChartFixtures lab;

	/** Whole minutes, so that each draw is its own column of the table. */
	private final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);

	@BeforeEach
	void fixtures() {
		lab = new LabChartFixtures(orders, specimens, results, patients, staff, catalogue);
	}

	/**
	 * A woman with three days of results: potassium normal, then high, then a sodium
	 * critically low (an alert); a haemoglobin corrected after release; and a potassium
	 * entered and verified but never released (2.96).
	 */
	private record History(PatientId patient, String physician, LabResult hb, LabResult correctedHb) {
	}

	private History history() {
		PatientId patient = lab.patient("Labo-Chart", Gender.FEMALE);
		String physician = lab.physician("chart");
		lab.released(patient, physician, List.of("51990-0"), now.minus(Duration.ofDays(3)),
				Map.of("2951-2", "140", "2823-3", "4.1"));
		LabResult hb = lab
			.released(patient, physician, List.of("58410-2"), now.minus(Duration.ofDays(2)), Map.of("718-7", "13.1"))
			.get(0);
		lab.released(patient, physician, List.of("51990-0"), now.minus(Duration.ofDays(1)),
				Map.of("2951-2", "118", "2823-3", "5.6"));
		LabResult corrected = lab.corrected(hb, "11.4", "Result of another patient's tube");
		lab.verified(patient, physician, List.of("51990-0"), now.minus(Duration.ofHours(2)), Map.of("2823-3", "2.96"));
		return new History(patient, physician, hb, corrected);
	}

	@Test
	void theChartLoadsTheLabSectionForRolesThatMayReadResultsAndForNoOtherRole() throws Exception {
		History history = history();
		String id = history.patient().asString();
		for (String user : List.of("physician", "nurse", "labmed", "radiologist")) {
			WebSession session = WebSession.signIn(port, user);
			String chart = session.get("/patients/" + id).body();
			assertThat(chart).as(user).contains("id=\"chart-lab\"", "hx-get=\"/patients/" + id + "/lab/summary\"");
			assertThat(session.get("/patients/" + id + "/lab/summary").statusCode()).as(user).isEqualTo(200);
		}
		WebSession radiographer = WebSession.signIn(port, "radiographer");
		HttpResponse<String> chart = radiographer.get("/patients/" + id);
		assertThat(chart.statusCode()).isEqualTo(200);
		assertThat(chart.body()).doesNotContain("chart-lab", "/lab/summary");
		assertThat(radiographer.get("/patients/" + id + "/lab/summary").statusCode()).isEqualTo(403);
		assertThat(radiographer.get("/patients/" + id + "/lab").statusCode()).isEqualTo(403);
		HttpResponse<String> series = radiographer.get("/patients/" + id + "/lab/series?test=2823-3");
		assertThat(series.statusCode()).isEqualTo(403);
		assertThat(series.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'radiographer' and outcome = 'DENIED'
				  and resource_type = 'Observation' and patient_id = :patient""")
			.param("patient", id)
			.query(Long.class)
			.single()).as("the refusals are audited").isGreaterThanOrEqualTo(3);
	}

	@Test
	void theSectionShowsTheNewestReleasedResultOfEachTestFlaggedAndTheOpenAlerts() throws Exception {
		History history = history();
		String id = history.patient().asString();
		String summary = WebSession.signIn(port, "physician").get("/patients/" + id + "/lab/summary").body();

		assertThat(row(summary, "latest-2823-3")).contains("5.6", "flag-H", ">H<").doesNotContain("critical");
		assertThat(row(summary, "latest-2951-2")).contains("118", "flag-LL", ">LL<", "critical");
		assertThat(row(summary, "latest-718-7")).contains("11.4", "corrected",
				"/patients/" + id + "/lab/results/" + history.hb().id().asString());
		assertThat(summary).doesNotContain("2.96", "13.1", "4.1<");
		assertThat(summary).contains("id=\"chart-lab-alerts\"", "Critical result not yet acknowledged");
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'physician' and action = 'SEARCH'
				  and resource_type = 'Observation' and patient_id = :patient""")
			.param("patient", id)
			.query(Long.class)
			.single()).as("the read is audited").isPositive();
	}

	@Test
	void theCumulativeTableHasTheTestsByBenchAndTheDrawsNewestFirst() throws Exception {
		History history = history();
		String id = history.patient().asString();
		WebSession nurse = WebSession.signIn(port, "nurse");
		HttpResponse<String> page = nurse.get("/patients/" + id + "/lab");
		assertThat(page.statusCode()).isEqualTo(200);
		String table = page.body();

		Matcher column = COLUMN.matcher(table);
		List<Instant> columns = new java.util.ArrayList<>();
		while (column.find()) {
			columns.add(Instant.parse(column.group(1)));
		}
		assertThat(columns).containsExactly(now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(2)),
				now.minus(Duration.ofDays(3)));
		assertThat(table.indexOf("Haematology")).isPositive().isLessThan(table.indexOf("Clinical chemistry"));
		assertThat(table.indexOf("id=\"row-2951-2\"")).isLessThan(table.indexOf("id=\"row-2823-3\""));
		assertThat(cells(row(table, "row-2823-3"))).containsExactly("5.6 H", "", "4.1");
		assertThat(cells(row(table, "row-2951-2"))).containsExactly("118 LL critical", "", "140");
		assertThat(cells(row(table, "row-718-7"))).containsExactly("", "11.4 L corrected", "");
		assertThat(table).doesNotContain("2.96");
		assertThat(table).contains("data-series-url=\"/patients/" + id + "/lab/series?test=718-7\"",
				"/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "/js/lab-chart.js");

		HttpResponse<String> versions = nurse.get("/patients/" + id + "/lab/results/" + history.hb().id().asString());
		assertThat(versions.statusCode()).isEqualTo(200);
		assertThat(versions.body()).contains("13.1", "11.4", "Result of another patient&#39;s tube", "corrected");
		assertThat(nurse.get("/patients/1/lab/results/" + history.hb().id().asString()).statusCode())
			.as("another patient's path")
			.isEqualTo(404);
		for (String alias : List.of("0" + id, "%2B" + id)) {
			assertThat(nurse.get("/patients/" + alias + "/lab").statusCode()).as(alias).isEqualTo(404);
			assertThat(nurse.get("/patients/" + id + "/lab/results/0" + history.hb().id().asString()).statusCode())
				.isEqualTo(404);
		}
		assertThat(nurse.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").statusCode()).isEqualTo(200);
		assertThat(nurse.get("/js/lab-chart.js").statusCode()).isEqualTo(200);
	}

	@Test
	void theSeriesIsOneTestsReleasedValuesWithTheirRangesAsJson() throws Exception {
		History history = history();
		String id = history.patient().asString();
		WebSession physician = WebSession.signIn(port, "physician");
		HttpResponse<String> response = physician.get("/patients/" + id + "/lab/series?test=2823-3");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		JsonNode series = new ObjectMapper().readTree(response.body());
		assertThat(series.get("test").asString()).isEqualTo("2823-3");
		assertThat(series.get("unit").asString()).isEqualTo("mmol/L");
		assertThat(numbers(series.get("times"))).containsExactly(
				(double) now.minus(Duration.ofDays(3)).getEpochSecond(),
				(double) now.minus(Duration.ofDays(1)).getEpochSecond());
		assertThat(numbers(series.get("values"))).containsExactly(4.1, 5.6);
		assertThat(numbers(series.get("low"))).containsExactly(3.5, 3.5);
		assertThat(numbers(series.get("high"))).containsExactly(5.1, 5.1);

		HttpResponse<String> unknown = physician.get("/patients/" + id + "/lab/series?test=99999-9");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(physician.get("/patients/" + id + "/lab/series?test=2106-3").statusCode()).as("a text test")
			.isEqualTo(422);
		assertThat(physician.get("/patients/" + id + "/lab/series").statusCode()).isEqualTo(400);
		assertThat(physician.get("/patients/987654321/lab/series?test=2823-3").statusCode()).isEqualTo(404);
		assertThat(physician.get("/patients/987654321/lab/summary").statusCode()).isEqualTo(404);
		assertThat(physician.get("/patients/987654321/lab").statusCode()).isEqualTo(404);
		assertThat(physician.get("/patients/" + id + "/lab/series?test=718-7").body()).contains("11.4")
			.doesNotContain("13.1");
	}

	/**
	 * The {@code
	 *
	<tr>
	 * } with this id.
	 */
	static String row(String page, String id) {
		int start = page.indexOf("id=\"" + id + "\"");
		assertThat(start).as("row " + id).isPositive();
		return page.substring(start, page.indexOf("</tr>", start));
	}

	/**
	 * The text of each {@code
	 *
	<td>} after the test, unit and range cells.
	 */
	static List<String> cells(String row) {
		List<String> texts = new java.util.ArrayList<>();
		Matcher cell = Pattern.compile("<td>(.*?)</td>", Pattern.DOTALL).matcher(row);
		while (cell.find()) {
			texts.add(cell.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip());
		}
		return texts.subList(2, texts.size());
	}

	private static List<Double> numbers(JsonNode array) {
		List<Double> values = new java.util.ArrayList<>();
		array.forEach(n -> values.add(n.asDouble()));
		return values;
	}

}
