package continuum.imaging.web;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.ImagingFixtures;
import continuum.imaging.ImagingOrder;
import continuum.imaging.ImagingOrderId;
import continuum.imaging.ImagingOrderService;
import continuum.patients.PatientId;
import continuum.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An imaging order in a real browser: the physician orders a CT from the chart's imaging
 * section and gets the order page with its accession number and booked time; the chart
 * lists it; a refused form (no procedure) stays on the form with its message; the
 * radiographer finds the step on the day's CT worklist and starts and completes it; the
 * chart shows it completed.
 */
@ContinuumIntegrationTest
class ImagingBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	ImagingFixtures fixtures;

	@Autowired
	ImagingOrderService orders;

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
	void aPhysicianOrdersACtAndTheRadiographerPerformsIt() {
		PatientId patient = fixtures.patient("Verbruggen", "Nele");

		signIn("physician");
		browser.get(url("/patients/" + patient.asString()));
		wait.until(ExpectedConditions.elementToBeClickable(By.id("order-imaging"))).click();
		wait.until(ExpectedConditions.elementToBeClickable(By.id("place-order"))).click();
		// The browser's own check stops an empty choice; without it the server answers
		// 422.
		assertThat(browser.getCurrentUrl()).contains("/imaging/orders/new");
		new Select(browser.findElement(By.id("procedure"))).selectByValue("24725-4");
		browser.findElement(By.id("reason")).sendKeys("Fall, headache");
		browser.findElement(By.id("place-order")).click();
		wait.until(ExpectedConditions.urlMatches(".*/imaging/orders/\\d+$"));
		String path = URI.create(browser.getCurrentUrl()).getPath();
		ImagingOrder order = as("PHYSICIAN",
				() -> orders.get(ImagingOrderId.of(path.substring(path.lastIndexOf('/') + 1))));
		String accession = order.procedures().get(0).accessionNumber();
		assertThat(browser.findElement(By.cssSelector("#procedures .accession")).getText()).isEqualTo(accession);
		assertThat(browser.findElement(By.id("procedures")).getText()).contains("CT · CT1").contains("appointment");

		browser.get(url("/patients/" + patient.asString()));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("imaging-" + accession)));
		assertThat(browser.findElement(By.cssSelector("#imaging-" + accession + " .imaging-status")).getText())
			.isEqualTo("scheduled");

		signIn("radiographer");
		browser.findElement(By.id("imaging-worklist-link")).click();
		LocalDate day = order.procedures().get(0).step().start().atZone(ZoneId.of("Europe/Brussels")).toLocalDate();
		browser.get(url("/imaging/worklist?modality=CT&date=" + day));
		String row = "#step-" + order.procedures().get(0).step().stepId();
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(row + " button.start"))).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(row + " .step-status"),
				"in progress"));
		browser.findElement(By.cssSelector(row + " button.complete")).click();
		wait.until(
				ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(row + " .step-status"), "completed"));

		signIn("physician");
		browser.get(url("/patients/" + patient.asString()));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("#imaging-" + accession + " .imaging-status"), "completed"));
	}

	private void signIn(String username) {
		browser.manage().deleteAllCookies();
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(ContinuumIntegrationTest.DEMO_PASSWORD);
		browser.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

}
