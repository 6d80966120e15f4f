package continuum.imaging.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.ImagingReportService;
import continuum.imaging.ImagingReportService.ReportText;
import continuum.imaging.ReportFixtures;
import continuum.imaging.ReportFixtures.Procedure;
import continuum.patients.PatientId;
import continuum.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
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

	ChromeDriver browser;

	WebDriverWait wait;

	@BeforeEach
	void openBrowser() throws Exception {
		browser = Browser.start();
		wait = new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void radiologistReadsSignsAndAmendsAndThePhysicianFindsTheReportInTheChart() {
		PatientId patient = fixtures.patient();
		Procedure procedure = fixtures.procedure(patient, ReportFixtures.CT_CODE, "STAT", "COMPLETED", AT);
		fixtures.study(procedure, "CT", LocalDate.of(2026, 3, 1), LocalTime.of(9, 0), 1, 4, AT);

		signIn("radiologist");
		browser.findElement(By.linkText("Reading")).click();
		WebElement line = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reading-" + procedure.id())));
		assertThat(line.getText()).contains("stat", procedure.accession(), "4 images · view", "not begun");
		assertThat(line.findElement(By.className("viewer-link")).getAttribute("href"))
			.endsWith("/imaging/studies/" + procedure.studyUid() + "/view");
		line.findElement(By.className("report-link")).click();

		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("findings")))
			.sendKeys("Clear lungs. No effusion.");
		browser.findElement(By.id("save-draft")).click();
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report-notice"))).getText())
			.isEqualTo("Draft saved.");
		browser.findElement(By.id("impression")).sendKeys("Normal chest CT.");
		browser.findElement(By.id("sign-final")).click();
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report-notice"))).getText())
			.isEqualTo("Report signed.");
		assertThat(browser.findElement(By.id("report-status")).getText()).contains("final", "signed by radiologist");
		assertThat(browser.findElement(By.id("report-viewer")).getAttribute("href"))
			.endsWith("/imaging/studies/" + procedure.studyUid() + "/view");

		WebElement impression = browser.findElement(By.id("impression"));
		impression.clear();
		impression.sendKeys("Small right effusion.");
		browser.findElement(By.id("reason")).sendKeys("effusion overlooked");
		browser.findElement(By.id("amend")).click();
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report-notice"))).getText())
			.startsWith("Amendment signed");
		assertThat(browser.findElement(By.id("report-history")).getText()).contains("draft", "final", "amended",
				"effusion overlooked", "Normal chest CT.", "Small right effusion.");

		browser.get(url("/imaging/reading"));
		assertThat(browser.findElements(By.id("reading-" + procedure.id()))).isEmpty();

		signOut();
		signIn("physician");
		browser.get(url("/patients/" + patient.asString()));
		WebElement row = wait
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

		signIn("radiologist");
		browser.get(url("/imaging/reading/" + procedure.id()));
		WebElement findings = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("findings")));
		as("RADIOLOGIST", () -> reports.saveDraft(procedure.id(), 1, new ReportText("Colleague's reading.", "")));
		findings.clear();
		findings.sendKeys("My reading.");
		browser.findElement(By.id("save-preliminary")).click();
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report-error"))).getText())
			.contains("someone changed it meanwhile");
		assertThat(browser.findElement(By.id("findings")).getAttribute("value")).isEqualTo("My reading.");
		assertThat(as("RADIOLOGIST", () -> reports.ofProcedure(procedure.id())).orElseThrow().findings())
			.isEqualTo("Colleague's reading.");
	}

	private void signIn(String username) {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(ContinuumIntegrationTest.DEMO_PASSWORD);
		browser.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.urlToBe(url("/")));
	}

	private void signOut() {
		browser.manage().deleteAllCookies();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

}
