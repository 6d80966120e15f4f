package continuum.scheduling.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import continuum.ContinuumIntegrationTest;
import continuum.web.Browser;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.scheduling.AppointmentQuery;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentStatus;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.ScheduleService;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduler in headless Chromium at 1366×768: sign in, find the patient, open the
 * chart, book a consultation (type, department, earliest date, a free time, confirm), see
 * it in the chart and on the physician's calendar, then check the patient in on the
 * worklist.
 */
@ContinuumIntegrationTest
class SchedulingBrowserTests {

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
		wait = new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void schedulerBooksFromTheChartSeesItInChartAndCalendarAndChecksThePatientIn() throws Exception {
		SchedulingWebFixtures fixtures = new SchedulingWebFixtures(schedules, availability, patients);
		LocalDate day = SchedulingWebFixtures.day();
		SchedulingWebFixtures.Pair pair = fixtures.consultation(day);
		String family = "Van Damme-Verhaegen" + Long.toString(System.nanoTime() % 100000, 36).replaceAll("\\d", "q");
		PatientId patient = fixtures.patient(family, "Liesbeth");
		String mrn = patients.summary(patient).mrn();

		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys("scheduler");
		browser.findElement(By.id("password")).sendKeys(ContinuumIntegrationTest.DEMO_PASSWORD);
		browser.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.urlToBe(url("/")));

		browser.get(url("/patients"));
		WebElement query = browser.findElement(By.id("q"));
		query.sendKeys("liesbeth " + family.toLowerCase());
		query.sendKeys(Keys.ENTER);
		wait.until(ExpectedConditions.elementToBeClickable(By.partialLinkText(family.toUpperCase()))).click();
		wait.until(ExpectedConditions.urlToBe(url("/patients/" + patient)));

		browser.findElement(By.id("book-link")).click();
		// Each choice refreshes the form in place (htmx); wait for the new one before the
		// next choice.
		WebElement type = wait.until(ExpectedConditions.elementToBeClickable(By.id("type")));
		new Select(type).selectByValue("consultation");
		wait.until(ExpectedConditions.stalenessOf(type));
		WebElement department = wait.until(ExpectedConditions.elementToBeClickable(By.id("department")));
		new Select(department).selectByValue(pair.department());
		wait.until(ExpectedConditions.stalenessOf(department));
		// A date input's typed format follows the browser's locale; set its value as the
		// form sends it.
		browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id("earliest")),
				day.toString());
		browser.findElement(By.id("find-times")).click();
		WebElement options = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("options")));
		assertThat(options.getText()).contains("09:00–09:20", "Dr. Émile Claes", pair.room().name());
		options.findElements(By.cssSelector("a.pick")).get(1).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-form")));
		browser.findElement(By.id("comment")).sendKeys("Eerste consultatie");
		screenshot("scheduling-booking.png");
		browser.findElement(By.id("confirm-booking")).click();

		wait.until(ExpectedConditions.urlContains("/scheduling/appointments/"));
		assertThat(browser.findElement(By.id("appointment-status")).getText()).isEqualTo("booked");
		assertThat(browser.findElement(By.id("appointment-when")).getText()).contains("09:20–09:40");
		screenshot("scheduling-appointment.png");
		var booked = appointments.search(AppointmentQuery.ofPatient(patient), 10, 0);
		assertThat(booked).hasSize(1);

		browser.findElement(By.partialLinkText(family.toUpperCase())).click();
		WebElement section = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chart-appointments")));
		assertThat(section.getText()).contains("Upcoming", "Consultation", "09:20", "booked");

		browser.get(url("/scheduling"));
		new Select(browser.findElement(By.id("schedule"))).selectByValue(pair.physician().id().asString());
		browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id("date")), day.toString());
		browser.findElement(By.cssSelector("#resource-form button[type=submit]")).click();
		WebElement grid = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("day-grid")));
		assertThat(grid.getText()).contains(family.toUpperCase() + ", Liesbeth", "MRN " + mrn, "Consultation", "booked",
				"free");
		screenshot("scheduling-calendar.png");
		browser.findElement(By.linkText("Week view")).click();
		WebElement week = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("week-grid")));
		assertThat(week.getText()).contains(family.toUpperCase() + ", Liesbeth", "MRN " + mrn);
		screenshot("scheduling-week.png");

		browser.get(url("/scheduling/worklist?date=" + day + "&department=" + pair.department()));
		WebElement row = wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("appointment-" + booked.get(0).id())));
		assertThat(row.getText()).contains("09:20–09:40", family.toUpperCase(), mrn, "booked");
		row.findElement(By.cssSelector("button[data-action=arrived]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "checked in"));
		assertThat(browser.findElement(By.id("appointment-" + booked.get(0).id())).getText()).contains("arrived");
		screenshot("scheduling-worklist.png");
		assertThat(appointments.get(booked.get(0).id()).status()).isEqualTo(AppointmentStatus.ARRIVED);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

	private void screenshot(String name) throws Exception {
		Path dir = Path.of("target");
		Files.createDirectories(dir);
		Files.write(dir.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
	}

}
