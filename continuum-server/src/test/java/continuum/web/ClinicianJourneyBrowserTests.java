package continuum.web;

import java.time.Duration;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A nurse in a real browser: sign in, find a patient as staff type, read the chart, admit
 * the patient to a bed.
 */
@ContinuumIntegrationTest
class ClinicianJourneyBrowserTests {

	@LocalServerPort
	int port;

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

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

	private void signIn(String username, String password) {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.id("sign-in")).click();
	}

	@Test
	void nurseSignsInFindsAPatientReadsTheChartAndAdmitsThePatient() throws Exception {
		String family = "Lefèvre-Vanderstraeten" + Long.toString(System.nanoTime() % 100000, 36).replaceAll("\\d", "x");
		IGenericClient fhir = FhirTestSupport.client(port, "physician");
		Patient patient = new Patient();
		patient.addName().setFamily(family).addGiven("Élodie");
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1961-04-12"));
		String id = fhir.create().resource(patient).execute().getId().getIdPart();
		String mrn = jdbc.sql("select mrn from patient where id = :id")
			.param("id", Long.parseLong(id))
			.query(String.class)
			.single();

		signIn("nurse", ContinuumIntegrationTest.DEMO_PASSWORD);
		wait.until(ExpectedConditions.urlToBe(url("/")));

		// Staff type without accents, in any case, the given name first.
		browser.get(url("/patients"));
		WebElement query = browser.findElement(By.id("q"));
		query.sendKeys("elodie " + family.toLowerCase().replace("è", "e").substring(0, 12));
		query.sendKeys(Keys.ENTER);
		WebElement result = wait
			.until(ExpectedConditions.elementToBeClickable(By.partialLinkText(family.toUpperCase())));
		result.click();

		wait.until(ExpectedConditions.urlToBe(url("/patients/" + id)));
		assertThat(browser.findElement(By.id("banner-mrn")).getText()).isEqualTo(mrn);
		assertThat(browser.findElement(By.id("banner-sex")).getText()).isEqualTo("female");
		assertThat(browser.findElement(By.id("banner-age")).getText()).endsWith(" y");
		assertThat(browser.findElement(By.id("banner-location")).getText()).contains("Not admitted");
		assertThat(browser.findElement(By.id("allergy-alert")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.id("merge-link")).getAttribute("href"))
			.endsWith("/patients/merge?duplicate=" + id);

		browser.findElement(By.id("admit-link")).click();
		Select ward = new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("ward"))));
		WebElement wardWithBeds = ward.getOptions()
			.stream()
			.filter(o -> !o.getAttribute("value").isEmpty() && !o.getText().contains("(0 free)"))
			.findFirst()
			.orElseThrow();
		ward.selectByValue(wardWithBeds.getAttribute("value"));
		wait.until(d -> new Select(d.findElement(By.id("bed"))).getOptions().size() > 1);
		new Select(browser.findElement(By.id("bed"))).selectByIndex(1);
		browser.findElement(By.id("reason")).sendKeys("Fall at home, observation");
		browser.findElement(By.cssSelector("form.admit button[type=submit]")).click();
		// The admission is done when the form redirects away from itself (to the ward's
		// census).
		wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/adt/admit")));

		browser.get(url("/patients/" + id));
		String location = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-location"))).getText();
		assertThat(location).startsWith("In ").contains("bed");
		byte[] screenshot = browser.getScreenshotAs(OutputType.BYTES);
		java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
		java.nio.file.Files.write(java.nio.file.Path.of("target", "chart-after-admission.png"), screenshot);

		long audited = jdbc
			.sql("select count(*) from audit_log where username = 'nurse' and patient_id = :id "
					+ "and action in ('READ','CREATE')")
			.param("id", id)
			.query(Long.class)
			.single();
		assertThat(audited).isGreaterThanOrEqualTo(2);
	}

	@Test
	void physicianRecordsAnAllergyInTheChartAndTakesItBackWhenEnteredInError() throws Exception {
		IGenericClient fhir = FhirTestSupport.client(port, "physician");
		Patient patient = new Patient();
		patient.addName().setFamily("Verstraete").addGiven("Hanne");
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		String id = fhir.create().resource(patient).execute().getId().getIdPart();

		signIn("physician", ContinuumIntegrationTest.DEMO_PASSWORD);
		wait.until(ExpectedConditions.urlToBe(url("/")));
		browser.get(url("/patients/" + id));
		assertThat(browser.findElement(By.id("allergy-alert")).getText()).contains("not yet assessed");
		browser.findElement(By.id("record-allergy")).click();
		wait.until(ExpectedConditions.elementToBeClickable(By.id("substance"))).sendKeys("Penicillin");
		new Select(browser.findElement(By.id("category"))).selectByValue("medication");
		new Select(browser.findElement(By.id("criticality"))).selectByValue("high");
		browser.findElement(By.id("reactions")).sendKeys("Anaphylaxis");
		java.nio.file.Files.write(java.nio.file.Path.of("target", "allergy-form.png"),
				browser.getScreenshotAs(OutputType.BYTES));
		browser.findElement(By.cssSelector("form.registration button[type=submit]")).click();

		wait.until(ExpectedConditions.urlToBe(url("/patients/" + id)));
		java.nio.file.Files.write(java.nio.file.Path.of("target", "chart-with-allergy.png"),
				browser.getScreenshotAs(OutputType.BYTES));
		String alert = browser.findElement(By.id("allergy-alert")).getText();
		assertThat(alert).startsWith("ALLERGIES:").contains("Penicillin (HIGH RISK)");

		browser.findElement(By.linkText("change…")).click();
		new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("verificationStatus"))))
			.selectByValue("entered-in-error");
		browser.findElement(By.cssSelector("form.registration button[type=submit]")).click();
		wait.until(ExpectedConditions.urlToBe(url("/patients/" + id)));
		assertThat(browser.findElement(By.id("allergy-alert")).getText()).doesNotContain("Penicillin")
			.contains("not yet assessed");
		assertThat(browser.findElement(By.id("allergies")).getText()).contains("None recorded");
	}

	@Test
	void wrongPasswordShowsAClearMessageAndNoChart() throws Exception {
		signIn("nurse", "not-the-password");
		wait.until(ExpectedConditions.urlContains("/login?error"));
		assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("Sign-in failed");
		browser.get(url("/patients"));
		assertThat(browser.getCurrentUrl()).contains("/login");
	}

}
