package continuum.imaging.web;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.ImagingReportService;
import continuum.imaging.ImagingReportService.ReportText;
import continuum.imaging.ReportFixtures;
import continuum.imaging.ReportFixtures.Procedure;
import continuum.web.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Radiology's pages over HTTP: who may open the worklist and post to the editor, refused
 * input answered on the page (422) with nothing written, and what the chart's section
 * shows a nurse (preliminary marked, drafts never).
 */
@ContinuumIntegrationTest
class ReportWebIntegrationTests {

	static final Instant AT = Instant.parse("2026-03-01T08:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	ReportFixtures fixtures;

	@Autowired
	ImagingReportService reports;

	@Test
	void onlyRadiologistsOpenTheWorklistAndWriteReports() throws Exception {
		Procedure procedure = fixtures.procedure(fixtures.patient(), ReportFixtures.CT_CODE, "ROUTINE", "COMPLETED",
				AT);
		WebSession physician = WebSession.signIn(port, "physician");
		assertThat(physician.get("/imaging/reading").statusCode()).isEqualTo(403);
		HttpResponse<String> post = physician.post("/imaging/reading/" + procedure.id(),
				Map.of("action", "final", "findings", "x", "impression", "y"));
		assertThat(post.statusCode()).isEqualTo(403);
		assertThat(post.body()).doesNotContain("Exception", "at continuum.");
		assertThat(as("RADIOLOGIST", () -> reports.ofProcedure(procedure.id()))).isEmpty();
		assertThat(physician.get("/").body()).doesNotContain("/imaging/reading\"");

		WebSession radiologist = WebSession.signIn(port, "radiologist");
		HttpResponse<String> page = radiologist.get("/imaging/reading");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("reading-" + procedure.id());
		HttpResponse<String> noImpression = radiologist.post("/imaging/reading/" + procedure.id(),
				Map.of("action", "final", "findings", "Findings typed.", "impression", ""));
		assertThat(noImpression.statusCode()).isEqualTo(422);
		assertThat(noImpression.body()).contains("A signed report needs an impression", "Findings typed.");
		assertThat(radiologist.post("/imaging/reading/" + procedure.id(), Map.of("action", "nonsense", "findings", "x"))
			.statusCode()).isEqualTo(422);
		assertThat(as("RADIOLOGIST", () -> reports.ofProcedure(procedure.id()))).isEmpty();
		assertThat(radiologist.get("/imaging/reading/999999999").statusCode()).isEqualTo(404);
	}

	@Test
	void theChartSectionShowsAPreliminaryReportMarkedAndNoDraft() throws Exception {
		var patient = fixtures.patient();
		Procedure preliminary = fixtures.procedure(patient, ReportFixtures.CT_CODE, "ROUTINE", "COMPLETED", AT);
		Procedure draft = fixtures.procedure(patient, ReportFixtures.MR_CODE, "ROUTINE", "COMPLETED", AT);
		as("RADIOLOGIST", () -> reports.savePreliminary(preliminary.id(), null,
				new ReportText("Wet read findings.", "No fracture seen.")));
		as("RADIOLOGIST", () -> reports.saveDraft(draft.id(), null, new ReportText("Secret draft text.", "")));
		WebSession nurse = WebSession.signIn(port, "nurse");
		HttpResponse<String> chart = nurse.get("/patients/" + patient.asString());
		assertThat(chart.body()).contains("hx-get=\"/patients/" + patient.asString() + "/imaging/summary\"");
		HttpResponse<String> section = nurse.get("/patients/" + patient.asString() + "/imaging/summary");
		assertThat(section.statusCode()).isEqualTo(200);
		assertThat(section.body()).contains("imaging-" + preliminary.accession(), "preliminary", "No fracture seen.")
			.contains("imaging-" + draft.accession())
			.doesNotContain("Secret draft text.");
		assertThat(section.body().split("report-status")).hasSize(2);
		WebSession scheduler = WebSession.signIn(port, "scheduler");
		assertThat(scheduler.get("/patients/" + patient.asString() + "/imaging/summary").statusCode()).isEqualTo(403);
	}

}
