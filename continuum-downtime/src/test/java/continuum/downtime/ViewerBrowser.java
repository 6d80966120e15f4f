package continuum.downtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The node's pages in headless Chromium at 1366×768, as staff use them during an outage:
 * sign in, open a ward's census, follow a patient to the summary.
 */
final class ViewerBrowser {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final String base;

	ViewerBrowser(String base) {
		this.base = base;
	}

	void censusToSummary(String username, String password, String ward) {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "Chromium is not installed");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768");
		WebDriver browser = new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
		try {
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
			browser.get(base + "/login");
			browser.findElement(By.id("username")).sendKeys(username);
			browser.findElement(By.id("password")).sendKeys(password);
			browser.findElement(By.id("sign-in")).click();
			wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
			browser.get(base + "/wards");
			browser.findElement(By.cssSelector("a[href='/wards/" + ward + "']")).click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.census tbody tr")));
			assertThat(browser.findElement(By.id("freshness")).getText()).contains("Lost the server since");
			assertThat(browser.findElement(By.id("freshness")).getAttribute("class")).contains("lost");
			var patient = browser.findElement(By.cssSelector("table.census tbody tr td a"));
			String name = patient.getText();
			patient.click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".banner .name")));
			assertThat(browser.findElement(By.cssSelector(".banner .name")).getText()).isEqualTo(name);
			assertThat(browser.getCurrentUrl()).contains("/patients/");
			assertThat(browser.findElement(By.id("read-only")).getText()).contains("Read-only");
			assertThat(browser.findElement(By.id("freshness")).getText()).contains("As of").contains("s behind");
		}
		finally {
			browser.quit();
		}
	}

}
