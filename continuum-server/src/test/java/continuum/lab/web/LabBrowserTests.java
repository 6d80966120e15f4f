package continuum.lab.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import continuum.ContinuumIntegrationTest;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderId;
import continuum.lab.LabOrderService;
import continuum.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One laboratory order in a real browser, from the chart to the chart: the physician
 * orders a blood count and a CRP for a demo patient and gets the labels, the nurse
 * records the collection, the technologist receives the specimens at reception by their
 * numbers and enters the results at the benches, then verifies them; the clinical
 * biologist releases them, and the physician finds them on the order page.
 */
@ContinuumIntegrationTest
class LabBrowserTests {

	/** What the technologist types for each test, by LOINC code. */
	static final Map<String, String> VALUES = Map.of("6690-2", "7.2", "789-8", "4.81", "718-7", "14.1", "4544-3",
			"42.0", "787-2", "88", "777-3", "251", "1988-5", "12.5");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LabOrderService orders;

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
	void anOrderGoesFromTheChartThroughTheLaboratoryBackToThePhysician() throws Exception {
		long patient = jdbc.sql("select min(id) from patient").query(Long.class).single();

		signIn("physician");
		browser.get(url("/patients/" + patient));
		browser.findElement(By.id("order-lab-tests")).click();
		wait.until(ExpectedConditions.elementToBeClickable(By.id("orderable-58410-2"))).click();
		browser.findElement(By.id("orderable-1988-5")).click();
		browser.findElement(By.id("note")).sendKeys("Fever, suspected pneumonia");
		browser.findElement(By.id("place-order")).click();
		wait.until(ExpectedConditions.urlMatches(".*/lab/orders/\\d+$"));
		String orderPath = URI.create(browser.getCurrentUrl()).getPath();
		LabOrder order = orders.get(LabOrderId.of(orderPath.substring(orderPath.lastIndexOf('/') + 1)));
		assertThat(order.specimens()).hasSize(2);
		List<String> accessions = order.specimens().stream().map(s -> s.accession()).toList();

		String labels = browser.findElement(By.id("labels-link")).getAttribute("href");
		HttpResponse<byte[]> pdf = fetch(labels);
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		assertThat(LabelPdfTests.readBarcode(pdf.body(), 0)).isEqualTo(accessions.get(0));

		signIn("nurse");
		for (String accession : accessions) {
			browser.get(url(orderPath));
			browser.findElement(By.cssSelector("#specimen-" + accession + " button.collect")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
					"Specimen " + accession + " collected"));
		}

		signIn("labtech");
		for (String accession : accessions) {
			browser.get(url("/lab/reception"));
			// The scanner types the number and Enter.
			browser.findElement(By.id("accession")).sendKeys(accession + Keys.ENTER);
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("specimen-status"), "collected"));
			browser.findElement(By.id("receive")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reception-notice"),
					"Specimen " + accession + " received"));
		}
		enterAt("HEMA", accessions);
		enterAt("CHEM", accessions);
		tickAndSubmit("/lab/verification", accessions, 7);

		signIn("labmed");
		tickAndSubmit("/lab/release", accessions, 7);

		signIn("physician");
		browser.get(url(orderPath));
		List<WebElement> rows = browser.findElements(By.cssSelector("#results tr[id^=result-]"));
		assertThat(rows).hasSize(7);
		String results = browser.findElement(By.id("results")).getText();
		assertThat(results).contains("Hb", "14.1", "g/dL", "PLT", "251", "CRP", "12.5", "mg/L", "final");
		assertThat(browser.findElement(By.id("order-status")).getText()).isEqualTo("completed");
		assertThat(pageWidth()).as("the order page fits the screen").isLessThanOrEqualTo(1366);
		screenshot("order");
	}

	/** Enters a value on every line of the bench that belongs to these specimens. */
	private void enterAt(String bench, List<String> accessions) {
		browser.get(url("/lab/benches/" + bench));
		while (true) {
			WebElement line = browser.findElements(By.cssSelector("#worklist tr[id^=line-]"))
				.stream()
				.filter(row -> accessions.stream().anyMatch(a -> row.getAttribute("id").startsWith("line-" + a + "-")))
				.findFirst()
				.orElse(null);
			if (line == null) {
				return;
			}
			String id = line.getAttribute("id");
			String test = id.substring(id.indexOf('-', "line-".length()) + 1);
			WebElement value = line.findElement(By.name("value"));
			value.sendKeys(VALUES.get(test));
			value.submit();
			wait.until(ExpectedConditions.stalenessOf(line));
			assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("entered for specimen");
		}
	}

	/** Ticks these specimens' results in a queue and submits the page's form. */
	private void tickAndSubmit(String page, List<String> accessions, int expected) throws Exception {
		browser.get(url(page));
		List<WebElement> boxes = browser.findElements(By.cssSelector("#queue input[name=result]"))
			.stream()
			.filter(box -> accessions.stream().anyMatch(a -> box.getAttribute("aria-label").startsWith(a + " ")))
			.toList();
		assertThat(boxes).hasSize(expected);
		assertThat(pageWidth()).as(page + " fits the screen").isLessThanOrEqualTo(1366);
		screenshot(page.substring(page.lastIndexOf('/') + 1));
		boxes.forEach(WebElement::click);
		browser.findElement(By.id("review-submit")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
				boxes.size() + " results"));
	}

	private long pageWidth() {
		return ((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue();
	}

	/** Kept under target/ for a look after the run. */
	private void screenshot(String name) throws java.io.IOException {
		java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
		java.nio.file.Files.write(java.nio.file.Path.of("target", "lab-" + name + ".png"),
				browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
	}

	private void signIn(String username) {
		browser.manage().deleteAllCookies();
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(ContinuumIntegrationTest.DEMO_PASSWORD);
		browser.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
	}

	/** A link followed with the browser's session, as its PDF viewer would. */
	private HttpResponse<byte[]> fetch(String href) throws Exception {
		String cookies = browser.manage()
			.getCookies()
			.stream()
			.map(c -> c.getName() + "=" + c.getValue())
			.collect(Collectors.joining("; "));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(href)).header("Cookie", cookies).build(),
					HttpResponse.BodyHandlers.ofByteArray());
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

}
