package continuum.web;

import java.time.Duration;
import java.util.function.IntSupplier;

import continuum.ContinuumIntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A browser test's Chromium ({@link Browser#start}) for each test method, against the
 * application on {@code port}: register it with {@code @RegisterExtension}; it starts
 * before each test and quits after it. {@link #signIn} signs a demo user in through the
 * login page, after dropping any earlier session.
 */
public final class BrowserSession implements BeforeEachCallback, AfterEachCallback {

	private final IntSupplier port;

	private @Nullable ChromeDriver driver;

	private @Nullable WebDriverWait wait;

	public BrowserSession(IntSupplier port) {
		this.port = port;
	}

	@Override
	public void beforeEach(ExtensionContext context) throws Exception {
		driver = Browser.start();
		wait = new WebDriverWait(driver, Duration.ofSeconds(20));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (driver != null) {
			driver.quit();
			driver = null;
		}
	}

	public ChromeDriver driver() {
		if (driver == null) {
			throw new IllegalStateException("the browser runs only during a test");
		}
		return driver;
	}

	/** Waits up to 20 s. */
	public WebDriverWait await() {
		if (wait == null) {
			throw new IllegalStateException("the browser runs only during a test");
		}
		return wait;
	}

	/** The application's address of {@code path}, on loopback. */
	public String url(String path) {
		return "http://127.0.0.1:" + port.getAsInt() + path;
	}

	/**
	 * Signs {@code username} in with the demo password and waits to leave the login page.
	 */
	public void signIn(String username) {
		ChromeDriver browser = driver();
		browser.manage().deleteAllCookies();
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(ContinuumIntegrationTest.DEMO_PASSWORD);
		browser.findElement(By.id("sign-in")).click();
		await().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
	}

}
