package continuum.imaging.web;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.ImagingFixtures;
import continuum.imaging.ImagingOrder;
import continuum.imaging.ImagingOrderId;
import continuum.imaging.ImagingOrderService;
import continuum.patients.PatientId;
import continuum.web.BrowserSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
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

	@RegisterExtension
	final BrowserSession session = new BrowserSession(() -> port);

	@Test
	void aPhysicianOrdersACtAndTheRadiographerPerformsIt() {
		PatientId patient = fixtures.patient("Verbruggen", "Nele");

		session.signIn("physician");
		session.driver().get(session.url("/patients/" + patient.asString()));
		session.await().until(ExpectedConditions.elementToBeClickable(By.id("order-imaging"))).click();
		session.await().until(ExpectedConditions.elementToBeClickable(By.id("place-order"))).click();
		// The browser's own check stops an empty choice; without it the server answers
		// 422.
		assertThat(session.driver().getCurrentUrl()).contains("/imaging/orders/new");
		new Select(session.driver().findElement(By.id("procedure"))).selectByValue("24725-4");
		session.driver().findElement(By.id("reason")).sendKeys("Fall, headache");
		session.driver().findElement(By.id("place-order")).click();
		session.await().until(ExpectedConditions.urlMatches(".*/imaging/orders/\\d+$"));
		String path = URI.create(session.driver().getCurrentUrl()).getPath();
		ImagingOrder order = as("PHYSICIAN",
				() -> orders.get(ImagingOrderId.of(path.substring(path.lastIndexOf('/') + 1))));
		String accession = order.procedures().get(0).accessionNumber();
		assertThat(session.driver().findElement(By.cssSelector("#procedures .accession")).getText())
			.isEqualTo(accession);
		assertThat(session.driver().findElement(By.id("procedures")).getText()).contains("CT · CT1")
			.contains("appointment");

		session.driver().get(session.url("/patients/" + patient.asString()));
		session.await().until(ExpectedConditions.presenceOfElementLocated(By.id("imaging-" + accession)));
		assertThat(session.driver().findElement(By.cssSelector("#imaging-" + accession + " .imaging-status")).getText())
			.isEqualTo("scheduled");

		session.signIn("radiographer");
		session.driver().findElement(By.id("imaging-worklist-link")).click();
		LocalDate day = order.procedures().get(0).step().start().atZone(ZoneId.of("Europe/Brussels")).toLocalDate();
		session.driver().get(session.url("/imaging/worklist?modality=CT&date=" + day));
		String row = "#step-" + order.procedures().get(0).step().stepId();
		session.await().until(ExpectedConditions.elementToBeClickable(By.cssSelector(row + " button.start"))).click();
		session.await()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(row + " .step-status"),
					"in progress"));
		session.driver().findElement(By.cssSelector(row + " button.complete")).click();
		session.await()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(row + " .step-status"),
					"completed"));

		session.signIn("physician");
		session.driver().get(session.url("/patients/" + patient.asString()));
		session.await()
			.until(ExpectedConditions.textToBePresentInElementLocated(
					By.cssSelector("#imaging-" + accession + " .imaging-status"), "completed"));
	}

}
