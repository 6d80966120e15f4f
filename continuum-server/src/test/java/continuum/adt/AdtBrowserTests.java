package continuum.adt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import continuum.ContinuumIntegrationTest;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ADT pages in headless Chromium at 1366×768: they fit the screen, and htmx loads a
 * ward's free beds.
 */
@ContinuumIntegrationTest
class AdtBrowserTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@LocalServerPort
	int port;

	@Autowired
	LocationRepository locations;

	@Autowired
	PatientService patients;

	@Autowired
	AdmissionService admissions;

	WebDriver browser;

	@BeforeEach
	void signIn() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "Chromium is not installed");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		browser = new ChromeDriver(service, options);
		browser.get(base() + "/login");
		browser.findElement(By.id("username")).sendKeys("nurse");
		browser.findElement(By.id("password")).sendKeys(ContinuumIntegrationTest.DEMO_PASSWORD);
		browser.findElement(By.id("sign-in")).click();
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
	}

	@AfterEach
	void close() {
		if (browser != null) {
			browser.quit();
		}
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	long pageWidth() {
		return ((Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth"))
			.longValue();
	}

	@Test
	void wardListAndCensusFitA1366By768Screen() {
		browser.get(base() + "/wards");
		assertThat(browser.findElements(By.cssSelector("table.wards tbody tr"))).hasSizeGreaterThanOrEqualTo(10);
		assertThat(pageWidth()).isLessThanOrEqualTo(1366);
		browser.get(base() + "/wards/G2B");
		assertThat(browser.findElements(By.cssSelector("table.census tbody tr"))).hasSize(30);
		assertThat(pageWidth()).isLessThanOrEqualTo(1366);
	}

	@Test
	void choosingAWardLoadsItsFreeBedsInPlaceAndAdmits() {
		AdtFixtures.TestWard ward = new AdtFixtures(locations, patients).ward(2);
		PatientId patient = new AdtFixtures(locations, patients).patient();
		browser.get(base() + "/adt/admit?patient=" + patient);
		new Select(browser.findElement(By.id("ward"))).selectByValue(ward.code());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#bed option[value='" + ward.beds().get(1).value() + "']")));
		assertThat(browser.getCurrentUrl()).contains("/adt/admit?patient=");
		new Select(browser.findElement(By.id("bed"))).selectByValue(Long.toString(ward.beds().get(1).value()));
		browser.findElement(By.id("reason")).sendKeys("Pneumonie");
		browser.findElement(By.cssSelector("form.admit button[type=submit]")).click();
		wait.until(ExpectedConditions.urlContains("/wards/" + ward.code()));
		assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("Admitted to");
		assertThat(browser.findElement(By.cssSelector("table.census")).getText()).contains("VANDENBROUCKE, Anaïs");
		assertThat(locations.occupied(ward.beds().get(1))).isTrue();
	}

	@Test
	void transferFormLoadsTheChosenWardsFreeBedsInPlaceAndMovesThePatient() {
		AdtFixtures fixtures = new AdtFixtures(locations, patients);
		AdtFixtures.TestWard from = fixtures.ward(1);
		AdtFixtures.TestWard to = fixtures.ward(2);
		Encounter encounter = admissions
			.admit(new Admission(fixtures.patient(), from.beds().get(0), EncounterClass.INPATIENT, null, null, null));
		browser.get(base() + "/adt/encounters/" + encounter.id());
		new Select(browser.findElement(By.id("ward"))).selectByValue(to.code());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#bed option[value='" + to.beds().get(1).value() + "']")));
		new Select(browser.findElement(By.id("bed"))).selectByValue(Long.toString(to.beds().get(1).value()));
		browser.findElement(By.xpath("//button[text()='Transfer']")).click();
		wait.until(ExpectedConditions.urlContains("/wards/" + to.code()));
		assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("Transferred to");
		assertThat(locations.occupied(to.beds().get(1))).isTrue();
		assertThat(locations.occupied(from.beds().get(0))).isFalse();
	}

	@Test
	void anAdministratorClosesAFreeBedFromTheWardsAndBedsPage() throws Exception {
		AdtFixtures.TestWard ward = new AdtFixtures(locations, patients).ward(2);
		browser.findElement(By.cssSelector("form.logout button")).click();
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/login"));
		browser.findElement(By.id("username")).sendKeys("admin");
		browser.findElement(By.id("password")).sendKeys(ContinuumIntegrationTest.DEMO_PASSWORD);
		browser.findElement(By.id("sign-in")).click();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

		browser.findElement(By.linkText("Wards and beds")).click();
		wait.until(ExpectedConditions.elementToBeClickable(By.linkText(ward.code()))).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("places"), "901A"));
		WebElement firstBed = browser.findElements(By.cssSelector("#places tbody tr")).get(0);
		assertThat(firstBed.getText()).contains("901A", "free");
		firstBed.findElement(By.xpath(".//button[text()='Close']")).click();
		wait.until(ExpectedConditions.urlContains("done=status"));
		assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
			.contains("The bed's status was changed");
		assertThat(browser.findElements(By.cssSelector("#places tbody tr")).get(0).getText()).contains("closed");
		assertThat(pageWidth()).as("no horizontal scrolling at 1366 px").isLessThanOrEqualTo(1366);
		java.nio.file.Files.write(java.nio.file.Path.of("target", "admin-ward-beds.png"),
				((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
		assertThat(locations.bed(ward.beds().get(0)).orElseThrow().status()).isEqualTo(BedStatus.CLOSED);
	}

}
