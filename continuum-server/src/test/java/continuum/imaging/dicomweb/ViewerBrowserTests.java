package continuum.imaging.dicomweb;

import java.time.LocalDate;

import continuum.ContinuumIntegrationTest;
import continuum.web.BrowserSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.ExpectedConditions;
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

	@RegisterExtension
	final BrowserSession session = new BrowserSession(() -> port);

	@Test
	void scrollsThroughSlicesAndSetsTheWindow() throws Exception {
		long patient = fixtures.demoPatient(11);
		var study = fixtures.ctStudy(patient, "Dubois^Marie", LocalDate.of(2024, 9, 1),
				DicomWebIntegrationTests.accession(), 2, 5, "RECONCILED");
		session.signIn("radiologist");
		session.driver().get(session.url("/imaging/studies/" + study.studyUid() + "/view"));

		session.await().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#series button"), 2));
		session.await().until(d -> loaded(session.driver().findElement(By.id("frame"))));
		for (WebElement thumbnail : session.driver().findElements(By.cssSelector("#series img"))) {
			session.await().until(d -> loaded(thumbnail));
		}
		assertThat(session.driver().findElement(By.id("study-summary")).getText()).contains("Dubois^Marie",
				"01/09/2024");
		assertThat(text("slice-position")).isEqualTo("Slice 1 / 5");
		WebElement frame = session.driver().findElement(By.id("frame"));
		assertThat(frame.getAttribute("src")).contains("/instances/" + study.instanceUids().get(0) + "/rendered");

		WebElement box = session.driver().findElement(By.id("frame-box"));
		new Actions(session.driver()).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(box), 0, 120).perform();
		session.await().until(d -> text("slice-position").equals("Slice 2 / 5"));
		box.sendKeys(Keys.ARROW_DOWN);
		box.sendKeys(Keys.ARROW_DOWN);
		session.await().until(d -> text("slice-position").equals("Slice 4 / 5"));
		assertThat(frame.getAttribute("src")).contains("/instances/" + study.instanceUids().get(3) + "/rendered");
		box.sendKeys(Keys.END);
		session.await().until(d -> text("slice-position").equals("Slice 5 / 5"));
		session.await().until(d -> loaded(frame));

		session.driver().findElement(By.id("preset-lung")).click();
		session.await().until(d -> frame.getAttribute("src").contains("window=-600,1500,linear"));
		assertThat(text("window-level")).isEqualTo("W 1500 L -600");
		session.await().until(d -> loaded(frame));

		new Actions(session.driver()).moveToElement(box).clickAndHold().moveByOffset(60, 30).release().perform();
		session.await().until(d -> !text("window-level").equals("W 1500 L -600"));
		assertThat(frame.getAttribute("src")).doesNotContain("window=-600,1500");
		session.await().until(d -> loaded(frame));

		session.driver().findElement(By.id("series-2")).click();
		session.await()
			.until(d -> session.driver()
				.findElement(By.id("frame"))
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
		session.signIn("radiologist");
		session.driver().get(session.url("/imaging/studies/1.2.826.0.1.3680043.99999.1/view"));
		session.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("viewer-error")));
		assertThat(text("viewer-error")).contains("No images of this study");
		session.signIn("labtech");
		session.driver().get(session.url("/imaging/studies/1.2.826.0.1.3680043.99999.1/view"));
		assertThat(session.driver().getPageSource()).contains("Not allowed");
	}

	private boolean loaded(WebElement image) {
		Object complete = session.driver()
			.executeScript("return arguments[0].complete && arguments[0].naturalWidth", image);
		return complete instanceof Number n && n.intValue() > 0;
	}

	private String text(String id) {
		return session.driver().findElement(By.id(id)).getText();
	}

}
