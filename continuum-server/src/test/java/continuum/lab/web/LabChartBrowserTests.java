package continuum.lab.web;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import continuum.ContinuumIntegrationTest;
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
import continuum.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A physician in a real browser: the chart's laboratory section, the cumulative view of a
 * patient with results over four days, its uPlot canvas drawn without a script error, and
 * a critical result's alert from the top bar's count to its acknowledgement.
 */
@ContinuumIntegrationTest
class LabChartBrowserTests {

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

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

	private int count() {
		return Integer.parseInt(browser.findElement(By.id("lab-alert-count")).getText().strip());
	}

	@Test
	void physicianReadsTheCumulativeViewWithItsPlotAndAcknowledgesTheCriticalResult() {
		LabChartFixtures lab = new LabChartFixtures(orders, specimens, results, patients, staff, catalogue);
		PatientId patient = lab.patient("Labo-Courbe", Gender.MALE);
		String physician = lab.physician("browser");
		Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		String[] potassium = { "3.9", "4.6", "5.4", "6.9" };
		for (int day = 0; day < potassium.length; day++) {
			lab.released(patient, physician, List.of("51990-0"), now.minus(Duration.ofDays(4 - day)),
					Map.of("2823-3", potassium[day], "2951-2", Integer.toString(138 + day)));
		}
		CriticalAlert alert = LabChartFixtures.as(physician, Role.PHYSICIAN, () -> alerts.ofPatient(patient)).get(0);
		String id = patient.asString();

		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(physician);
		browser.findElement(By.id("password")).sendKeys(ContinuumIntegrationTest.DEMO_PASSWORD);
		browser.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.urlToBe(url("/")));

		browser.get(url("/patients/" + id));
		WebElement latest = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("latest-2823-3")));
		assertThat(latest.getText()).contains("6.9", "HH");
		assertThat(browser.findElement(By.id("chart-lab-alerts")).getText())
			.contains("Critical result not yet acknowledged");

		browser.findElement(By.id("chart-lab-cumulative")).click();
		wait.until(ExpectedConditions.urlToBe(url("/patients/" + id + "/lab")));
		assertThat(browser.findElement(By.id("row-2823-3")).getText()).contains("6.9", "5.4", "4.6", "3.9");
		assertThat(browser.findElement(By.id("row-2951-2")).getText()).contains("141", "140", "139", "138");
		// The first numeric test in catalogue order is plotted: sodium.
		wait.until(ExpectedConditions.attributeToBe(By.id("lab-plot"), "data-state", "drawn"));
		assertThat(browser.findElements(By.cssSelector("#lab-plot canvas"))).hasSize(1);
		assertThat(browser.findElement(By.cssSelector("#lab-plot canvas")).getSize().getWidth()).isGreaterThan(300);

		new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("plot-test"))).selectByValue("2823-3");
		browser.findElement(By.cssSelector("#plot-section button[type=submit]")).click();
		wait.until(ExpectedConditions.urlContains("test=2823-3"));
		wait.until(ExpectedConditions.attributeToBe(By.id("lab-plot"), "data-state", "drawn"));
		assertThat(browser.findElements(By.cssSelector("#lab-plot canvas"))).hasSize(1);
		assertThat(browser.findElement(By.id("lab-plot")).getText()).contains("Upper limit", "Lower limit");
		List<String> errors = browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			// The server has no icon; the browser asks for one on its own.
			.filter(message -> !message.contains("/favicon.ico"))
			.toList();
		assertThat(errors).as("script errors").isEmpty();

		int before = count();
		assertThat(before).isPositive();
		assertThat(browser.findElement(By.id("lab-alerts-link")).getAttribute("class")).contains("urgent");
		browser.findElement(By.id("lab-alerts-link")).click();
		wait.until(ExpectedConditions.urlToBe(url("/lab/alerts")));
		String row = "alert-" + alert.id().asString();
		assertThat(browser.findElement(By.id(row)).getText()).contains("LABO-COURBE", "K", "6.9");
		browser.findElement(By.id("note-" + alert.id().asString())).sendKeys("Repeat potassium ordered");
		browser.findElement(By.id("ack-" + alert.id().asString())).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("alerts-notice")));
		assertThat(browser.findElements(By.id(row))).isEmpty();
		assertThat(count()).isEqualTo(before - 1);
	}

}
