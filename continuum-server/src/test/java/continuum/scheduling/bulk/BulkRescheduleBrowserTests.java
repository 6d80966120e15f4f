package continuum.scheduling.bulk;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.web.Browser;
import continuum.patients.PatientService;
import continuum.scheduling.ActorKind;
import continuum.scheduling.Appointment;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentStatus;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.BookingRequest;
import continuum.scheduling.Schedule;
import continuum.scheduling.ScheduleService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static continuum.scheduling.bulk.BulkFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduler in headless Chromium: the bulk screen, a resource and a window, a refused
 * form with its message, the proposals, confirm, and the appointments rebooked. A
 * physician is refused the screen.
 */
@ContinuumIntegrationTest
class BulkRescheduleBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	ScheduleService schedules;

	@Autowired
	AvailabilityService availability;

	@Autowired
	AppointmentService appointments;

	@Autowired
	PatientService patients;

	ChromeDriver browser;

	WebDriverWait wait;

	@BeforeEach
	void openBrowser() throws Exception {
		browser = Browser.start();
		wait = new WebDriverWait(browser, Duration.ofSeconds(30));
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void schedulerReschedulesAResourcesMorningAndConfirms() {
		LocalDate day = BulkFixtures.monday(20);
		BulkFixtures fixtures = new BulkFixtures(schedules, availability, patients);
		Schedule point = fixtures.schedule(BulkFixtures.department(), ActorKind.LOCATION,
				AppointmentType.BLOOD_SAMPLING, 10, open(day, 8, 0, 9, 0), open(day.plusDays(1), 8, 0, 9, 0));
		List<Appointment> booked = List.of(0, 1)
			.stream()
			.map(i -> appointments.book(BookingRequest.of(fixtures.patient(), fixtures.slots(point, day).get(i).id())))
			.toList();

		signIn("scheduler");
		browser.get(url("/scheduling/bulk"));
		browser.findElement(By.id("scope-resource")).click();
		setValue("from", day + "T08:00");
		setValue("to", day + "T09:00");
		browser.findElement(By.id("reason")).sendKeys("Sampling chair broken");
		browser.findElement(By.id("propose")).click();
		WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bulk-error")));
		assertThat(error.getText()).contains("Choose the resource");

		new Select(browser.findElement(By.id("schedule"))).selectByValue(point.id().asString());
		browser.findElement(By.id("propose")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("proposals")));
		assertThat(browser.getCurrentUrl()).matches(".*/scheduling/bulk/\\d+$");
		List<WebElement> rows = browser.findElements(By.cssSelector("#proposals tbody tr.state-proposed"));
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).getText()).contains("JANSSENS, Wout").contains("Mon ").contains("Tue ");

		WebElement change = rows.get(1).findElement(By.cssSelector("form.change"));
		browser.executeScript("arguments[0].value = arguments[1];", change.findElement(By.name("notBefore")),
				day.plusDays(1) + "T08:30");
		change.findElement(By.cssSelector("button[data-action=propose]")).click();
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bulk-notice"))).getText())
			.contains("now proposed for Tue")
			.contains("08:30");

		browser.findElement(By.id("confirm")).click();
		wait.until(ExpectedConditions.textToBe(By.id("batch-status"), "done"));

		assertThat(browser.findElements(By.cssSelector("#proposals tbody tr.state-rebooked"))).hasSize(2);
		assertThat(browser.findElement(By.id("count-rebooked")).getText()).isEqualTo("2");
		for (Appointment old : booked) {
			Appointment now = appointments.get(old.id());
			assertThat(now.status()).isEqualTo(AppointmentStatus.CANCELLED);
			assertThat(appointments.get(now.replacedBy()).start()).isAfterOrEqualTo(BulkFixtures.at(day, 9, 0));
		}
		assertThat(appointments.get(appointments.get(booked.get(1).id()).replacedBy()).start())
			.isEqualTo(BulkFixtures.at(day.plusDays(1), 8, 30));
	}

	@Test
	void aPhysicianIsRefusedTheBulkScreen() {
		signIn("physician");

		browser.get(url("/scheduling/bulk"));

		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Not allowed");
		assertThat(browser.findElements(By.id("bulk-form"))).isEmpty();
	}

	private void signIn(String username) {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(ContinuumIntegrationTest.DEMO_PASSWORD);
		browser.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.urlToBe(url("/")));
	}

	private void setValue(String id, String value) {
		browser.executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id(id)), value);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

}
