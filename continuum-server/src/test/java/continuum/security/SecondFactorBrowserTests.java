package continuum.security;

import continuum.web.BrowserSession;
import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import continuum.web.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in with a second factor in headless Chromium, as a user goes through it: an
 * auditor sets up an authenticator at the first sign-in, sees the recovery codes once and
 * signs in next time with a code; a physician who lost the phone signs in with a recovery
 * code.
 */
@ContinuumIntegrationTest
class SecondFactorBrowserTests {

	private static final String PASSWORD = "browser-factor-9";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@RegisterExtension
	final BrowserSession session = new BrowserSession(() -> port);

	@Test
	void anAuditorSetsUpAnAuthenticatorAtTheFirstSignInAndThenSignsInWithItsCode() throws Exception {
		String username = new TestAccounts(port, jdbc).createPrivileged("AUDITOR", PASSWORD);
		ChromeDriver browser = session.driver();
		typePassword(browser, username);
		session.await().until(ExpectedConditions.urlContains("/login/enrol"));
		assertThat(browser.findElement(By.id("otpauth")).getText()).startsWith("otpauth://totp/");
		TestAuthenticator app = TestAuthenticator.fromSecret(browser.findElement(By.id("secret")).getText());
		browser.findElement(By.id("code")).sendKeys(app.code());
		browser.findElement(By.id("confirm")).click();
		session.await().until(ExpectedConditions.presenceOfElementLocated(By.id("recovery-codes")));
		assertThat(browser.findElements(By.cssSelector("#recovery-codes li"))).hasSize(10);
		browser.findElement(By.id("continue")).click();
		session.await().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
		browser.get(session.url("/audit"));
		assertThat(browser.getCurrentUrl()).endsWith("/audit");
		assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Audit");

		typePassword(browser, username);
		session.await().until(ExpectedConditions.urlContains("/login/code"));
		browser.get(session.url("/audit"));
		assertThat(browser.getCurrentUrl()).as("nothing opens before the code").endsWith("/login");
		typePassword(browser, username);
		session.await().until(ExpectedConditions.urlContains("/login/code"));
		browser.findElement(By.id("code")).sendKeys(app.code());
		browser.findElement(By.id("verify")).click();
		session.await().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
		assertThat(browser.findElement(By.cssSelector("a.who")).getText()).isEqualTo(username);
	}

	@Test
	void aPhysicianWhoLostThePhoneSignsInWithARecoveryCode() throws Exception {
		String username = new TestAccounts(port, jdbc).create("PHYSICIAN", PASSWORD);
		TestAuthenticator app = TestAuthenticator.enrol(WebSession.signIn(port, username, PASSWORD));
		ChromeDriver browser = session.driver();
		typePassword(browser, username);
		session.await().until(ExpectedConditions.urlContains("/login/code"));
		browser.findElement(By.id("code")).sendKeys(app.recoveryCodes().get(0));
		browser.findElement(By.id("verify")).click();
		session.await().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
		browser.get(session.url("/account/second-factor"));
		assertThat(browser.findElement(By.id("second-factor-state")).getText()).contains("9 recovery codes left");

		typePassword(browser, username);
		session.await().until(ExpectedConditions.urlContains("/login/code"));
		browser.findElement(By.id("code")).sendKeys(app.recoveryCodes().get(0));
		browser.findElement(By.id("verify")).click();
		session.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.error")));
		assertThat(browser.getCurrentUrl()).endsWith("/login/code");
		assertThat(browser.findElement(By.cssSelector("p.error")).getText()).contains("was used already");
	}

	private void typePassword(ChromeDriver browser, String username) {
		browser.manage().deleteAllCookies();
		browser.get(session.url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(PASSWORD);
		browser.findElement(By.id("sign-in")).click();
	}

}
