package continuum.imaging.dicomweb;

import java.time.Duration;
import java.time.LocalDate;

import continuum.ContinuumIntegrationTest;
import continuum.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The study viewer in headless Chromium, signed in as the radiologist: a generated CT
 * study of two series shows both thumbnails, the wheel and the arrow keys move through
 * the slices, the presets and a drag change the window of the rendered image, and every
 * image came over DICOMweb with the page's session, audited for the patient.
 */
@ContinuumIntegrationTest
class ViewerBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	DicomWebFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

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
	void scrollsThroughSlicesAndSetsTheWindow() throws Exception {
		long patient = fixtures.demoPatient(11);
		var study = fixtures.ctStudy(patient, "Dubois^Marie", LocalDate.of(2024, 9, 1),
				DicomWebIntegrationTests.accession(), 2, 5, "RECONCILED");
		signIn("radiologist");
		browser.get(url("/imaging/studies/" + study.studyUid() + "/view"));

		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#series button"), 2));
		wait.until(d -> loaded(browser.findElement(By.id("frame"))));
		for (WebElement thumbnail : browser.findElements(By.cssSelector("#series img"))) {
			wait.until(d -> loaded(thumbnail));
		}
		assertThat(browser.findElement(By.id("study-summary")).getText()).contains("Dubois^Marie", "01/09/2024");
		assertThat(text("slice-position")).isEqualTo("Slice 1 / 5");
		WebElement frame = browser.findElement(By.id("frame"));
		assertThat(frame.getAttribute("src")).contains("/instances/" + study.instanceUids().get(0) + "/rendered");

		WebElement box = browser.findElement(By.id("frame-box"));
		new Actions(browser).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(box), 0, 120).perform();
		wait.until(d -> text("slice-position").equals("Slice 2 / 5"));
		box.sendKeys(Keys.ARROW_DOWN);
		box.sendKeys(Keys.ARROW_DOWN);
		wait.until(d -> text("slice-position").equals("Slice 4 / 5"));
		assertThat(frame.getAttribute("src")).contains("/instances/" + study.instanceUids().get(3) + "/rendered");
		box.sendKeys(Keys.END);
		wait.until(d -> text("slice-position").equals("Slice 5 / 5"));
		wait.until(d -> loaded(frame));

		browser.findElement(By.id("preset-lung")).click();
		wait.until(d -> frame.getAttribute("src").contains("window=-600,1500,linear"));
		assertThat(text("window-level")).isEqualTo("W 1500 L -600");
		wait.until(d -> loaded(frame));

		new Actions(browser).moveToElement(box).clickAndHold().moveByOffset(60, 30).release().perform();
		wait.until(d -> !text("window-level").equals("W 1500 L -600"));
		assertThat(frame.getAttribute("src")).doesNotContain("window=-600,1500");
		wait.until(d -> loaded(frame));

		browser.findElement(By.id("series-2")).click();
		wait.until(d -> browser.findElement(By.id("frame"))
			.getAttribute("src")
			.contains("/series/" + study.seriesUids().get(1) + "/"));
		assertThat(text("slice-position")).isEqualTo("Slice 1 / 5");

		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'radiologist' and resource_type = 'ImagingStudy'
				   and resource_id = :uid and patient_id = :patient and detail = 'WADO-RS rendered'""")
			.param("uid", study.studyUid())
			.param("patient", Long.toString(patient))
			.query(Long.class)
			.single()).as("each slice shown is audited").isGreaterThanOrEqualTo(5);
	}

	@Test
	void saysSoWhenTheStudyHasNoImagesHere() throws Exception {
		signIn("radiologist");
		browser.get(url("/imaging/studies/1.2.826.0.1.3680043.99999.1/view"));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("viewer-error")));
		assertThat(text("viewer-error")).contains("No images of this study");
		signIn("labtech");
		browser.get(url("/imaging/studies/1.2.826.0.1.3680043.99999.1/view"));
		assertThat(browser.getPageSource()).contains("Not allowed");
	}

	private boolean loaded(WebElement image) {
		Object complete = browser.executeScript("return arguments[0].complete && arguments[0].naturalWidth", image);
		return complete instanceof Number n && n.intValue() > 0;
	}

	private String text(String id) {
		return browser.findElement(By.id(id)).getText();
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
