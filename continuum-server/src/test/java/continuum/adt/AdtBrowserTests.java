package continuum.adt;

import continuum.ContinuumIntegrationTest;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.web.BrowserSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ADT pages in headless Chromium at 1366×768: they fit the screen, and htmx loads a
 * ward's free beds.
 */
@ContinuumIntegrationTest
class AdtBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	LocationRepository locations;

	@Autowired
	PatientService patients;

	@Autowired
	AdmissionService admissions;

	@RegisterExtension
	final BrowserSession session = new BrowserSession(() -> port);

	@BeforeEach
	void signIn() {
		session.signIn("nurse");
	}

	long pageWidth() {
		return ((Number) ((JavascriptExecutor) session.driver())
			.executeScript("return document.documentElement.scrollWidth")).longValue();
	}

	@Test
	void wardListAndCensusFitA1366By768Screen() {
		session.driver().get(session.url("/wards"));
		assertThat(session.driver().findElements(By.cssSelector("table.wards tbody tr")))
			.hasSizeGreaterThanOrEqualTo(10);
		assertThat(pageWidth()).isLessThanOrEqualTo(1366);
		session.driver().get(session.url("/wards/G2B"));
		assertThat(session.driver().findElements(By.cssSelector("table.census tbody tr"))).hasSize(30);
		assertThat(pageWidth()).isLessThanOrEqualTo(1366);
	}

	@Test
	void choosingAWardLoadsItsFreeBedsInPlaceAndAdmits() {
		AdtFixtures.TestWard ward = new AdtFixtures(locations, patients).ward(2);
		PatientId patient = new AdtFixtures(locations, patients).patient();
		session.driver().get(session.url("/adt/admit?patient=" + patient));
		new Select(session.driver().findElement(By.id("ward"))).selectByValue(ward.code());
		session.await()
			.until(ExpectedConditions
				.presenceOfElementLocated(By.cssSelector("#bed option[value='" + ward.beds().get(1).value() + "']")));
		assertThat(session.driver().getCurrentUrl()).contains("/adt/admit?patient=");
		new Select(session.driver().findElement(By.id("bed"))).selectByValue(Long.toString(ward.beds().get(1).value()));
		session.driver().findElement(By.id("reason")).sendKeys("Pneumonie");
		session.driver().findElement(By.cssSelector("form.admit button[type=submit]")).click();
		session.await().until(ExpectedConditions.urlContains("/wards/" + ward.code()));
		assertThat(session.driver().findElement(By.cssSelector("p.notice")).getText()).contains("Admitted to");
		assertThat(session.driver().findElement(By.cssSelector("table.census")).getText())
			.contains("VANDENBROUCKE, Anaïs");
		assertThat(locations.occupied(ward.beds().get(1))).isTrue();
	}

	@Test
	void transferFormLoadsTheChosenWardsFreeBedsInPlaceAndMovesThePatient() {
		AdtFixtures fixtures = new AdtFixtures(locations, patients);
		AdtFixtures.TestWard from = fixtures.ward(1);
		AdtFixtures.TestWard to = fixtures.ward(2);
		Encounter encounter = admissions
			.admit(new Admission(fixtures.patient(), from.beds().get(0), EncounterClass.INPATIENT, null, null, null));
		session.driver().get(session.url("/adt/encounters/" + encounter.id()));
		new Select(session.driver().findElement(By.id("ward"))).selectByValue(to.code());
		session.await()
			.until(ExpectedConditions
				.presenceOfElementLocated(By.cssSelector("#bed option[value='" + to.beds().get(1).value() + "']")));
		new Select(session.driver().findElement(By.id("bed"))).selectByValue(Long.toString(to.beds().get(1).value()));
		session.driver().findElement(By.xpath("//button[text()='Transfer']")).click();
		session.await().until(ExpectedConditions.urlContains("/wards/" + to.code()));
		assertThat(session.driver().findElement(By.cssSelector("p.notice")).getText()).contains("Transferred to");
		assertThat(locations.occupied(to.beds().get(1))).isTrue();
		assertThat(locations.occupied(from.beds().get(0))).isFalse();
	}

	@Test
	void anAdministratorClosesAFreeBedFromTheWardsAndBedsPage() throws Exception {
		AdtFixtures.TestWard ward = new AdtFixtures(locations, patients).ward(2);
		session.driver().findElement(By.cssSelector("form.logout button")).click();
		session.await().until(ExpectedConditions.urlContains("/login"));
		session.driver().findElement(By.id("username")).sendKeys("admin");
		session.driver().findElement(By.id("password")).sendKeys(ContinuumIntegrationTest.DEMO_PASSWORD);
		session.driver().findElement(By.id("sign-in")).click();
		session.await().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

		session.driver().findElement(By.linkText("Wards and beds")).click();
		session.await().until(ExpectedConditions.elementToBeClickable(By.linkText(ward.code()))).click();
		session.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("places"), "901A"));
		WebElement firstBed = session.driver().findElements(By.cssSelector("#places tbody tr")).get(0);
		assertThat(firstBed.getText()).contains("901A", "free");
		firstBed.findElement(By.xpath(".//button[text()='Close']")).click();
		session.await().until(ExpectedConditions.urlContains("done=status"));
		assertThat(session.driver().findElement(By.cssSelector("[role=status]")).getText())
			.contains("The bed's status was changed");
		assertThat(session.driver().findElements(By.cssSelector("#places tbody tr")).get(0).getText())
			.contains("closed");
		assertThat(pageWidth()).as("no horizontal scrolling at 1366 px").isLessThanOrEqualTo(1366);
		java.nio.file.Files.write(java.nio.file.Path.of("target", "admin-ward-beds.png"),
				((org.openqa.selenium.TakesScreenshot) session.driver())
					.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
		assertThat(locations.bed(ward.beds().get(0)).orElseThrow().status()).isEqualTo(BedStatus.CLOSED);
	}

}
