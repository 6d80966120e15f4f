package continuum.imaging.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.ImagingReportService;
import continuum.imaging.ImagingReportService.ReportText;
import continuum.imaging.ReportFixtures;
import continuum.imaging.ReportFixtures.Procedure;
import continuum.patients.PatientId;
import continuum.web.BrowserSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A radiologist in a real browser: from the reading worklist (STAT first, the viewer
 * link) to the editor, a draft, a signed report and an amendment with its history; a
 * second radiologist's save in between is refused with the typed text kept; and the
 * physician finds the signed report in the chart's imaging section.
 */
@ContinuumIntegrationTest
class ReportBrowserTests {

	static final Instant AT = Instant.parse("2026-03-01T08:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	ReportFixtures fixtures;

	@Autowired
	ImagingReportService reports;

	@RegisterExtension
	final BrowserSession session = new BrowserSession(() -> port);

	@Test
	void radiologistReadsSignsAndAmendsAndThePhysicianFindsTheReportInTheChart() {
		PatientId patient = fixtures.patient();
		Procedure procedure = fixtures.procedure(patient, ReportFixtures.CT_CODE, "STAT", "COMPLETED", AT);
		fixtures.study(procedure, "CT", LocalDate.of(2026, 3, 1), LocalTime.of(9, 0), 1, 4, AT);

		session.signIn("radiologist");
		session.driver().findElement(By.linkText("Reading")).click();
		WebElement line = session.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("reading-" + procedure.id())));
		assertThat(line.getText()).contains("stat", procedure.accession(), "4 images · view", "not begun");
		assertThat(line.findElement(By.className("viewer-link")).getAttribute("href"))
			.endsWith("/imaging/studies/" + procedure.studyUid() + "/view");
		line.findElement(By.className("report-link")).click();

		session.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("findings")))
			.sendKeys("Clear lungs. No effusion.");
		session.driver().findElement(By.id("save-draft")).click();
		// The notice is looked up again at every poll: the page that answers the form
		// replaces the previous one, whose notice may still be showing.
		session.await().until(ExpectedConditions.textToBe(By.id("report-notice"), "Draft saved."));
		session.driver().findElement(By.id("impression")).sendKeys("Normal chest CT.");
		session.driver().findElement(By.id("sign-final")).click();
		// The notice is looked up again at every poll: the page that answers the form
		// replaces the previous one, whose notice may still be showing.
		session.await().until(ExpectedConditions.textToBe(By.id("report-notice"), "Report signed."));
		assertThat(session.driver().findElement(By.id("report-status")).getText()).contains("final",
				"signed by radiologist");
		assertThat(session.driver().findElement(By.id("report-viewer")).getAttribute("href"))
			.endsWith("/imaging/studies/" + procedure.studyUid() + "/view");

		WebElement impression = session.driver().findElement(By.id("impression"));
		impression.clear();
		impression.sendKeys("Small right effusion.");
		session.driver().findElement(By.id("reason")).sendKeys("effusion overlooked");
		session.driver().findElement(By.id("amend")).click();
		session.await()
			.until(ExpectedConditions.textMatches(By.id("report-notice"),
					java.util.regex.Pattern.compile("^Amendment signed.*", java.util.regex.Pattern.DOTALL)));
		assertThat(session.driver().findElement(By.id("report-history")).getText()).contains("draft", "final",
				"amended", "effusion overlooked", "Normal chest CT.", "Small right effusion.");

		session.driver().get(session.url("/imaging/reading"));
		assertThat(session.driver().findElements(By.id("reading-" + procedure.id()))).isEmpty();

		session.signIn("physician");
		session.driver().get(session.url("/patients/" + patient.asString()));
		WebElement row = session.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("imaging-" + procedure.accession())));
		assertThat(row.findElement(By.className("report-status")).getText()).isEqualTo("amended");
		assertThat(row.findElement(By.className("report-impression")).getText()).isEqualTo("Small right effusion.");
		assertThat(row.findElement(By.className("viewer-link")).getAttribute("href"))
			.endsWith("/imaging/studies/" + procedure.studyUid() + "/view");
	}

	@Test
	void aConcurrentSaveIsRefusedAndTheTypedTextKept() {
		PatientId patient = fixtures.patient();
		Procedure procedure = fixtures.procedure(patient, ReportFixtures.CT_CODE, "ROUTINE", "COMPLETED", AT);
		as("RADIOLOGIST", () -> reports.saveDraft(procedure.id(), null, new ReportText("First reading.", "")));

		session.signIn("radiologist");
		session.driver().get(session.url("/imaging/reading/" + procedure.id()));
		WebElement findings = session.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("findings")));
		as("RADIOLOGIST", () -> reports.saveDraft(procedure.id(), 1, new ReportText("Colleague's reading.", "")));
		findings.clear();
		findings.sendKeys("My reading.");
		session.driver().findElement(By.id("save-preliminary")).click();
		assertThat(
				session.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("report-error"))).getText())
			.contains("someone changed it meanwhile");
		assertThat(session.driver().findElement(By.id("findings")).getAttribute("value")).isEqualTo("My reading.");
		assertThat(as("RADIOLOGIST", () -> reports.ofProcedure(procedure.id())).orElseThrow().findings())
			.isEqualTo("Colleague's reading.");
	}

}
