package continuum.smart;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import continuum.ContinuumIntegrationTest;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.security.SmartAppService;
import continuum.web.BrowserSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The redirect dance in headless Chromium against a small app: a JDK HTTP server on a
 * loopback ephemeral port that serves the app's launch URL and redirect URI. Standalone:
 * the browser goes to the authorization endpoint, signs in, picks the patient and allows;
 * the app gets code and state, exchanges the code with its verifier and reads that
 * patient, and is refused another. EHR launch: "Launch an app" on the chart opens the app
 * with {@code iss} and {@code launch}, and the app's token carries the chart's patient.
 */
@ContinuumIntegrationTest
class SmartAppLaunchBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	SmartAppService apps;

	@Autowired
	PatientService patients;

	@RegisterExtension
	final BrowserSession session = new BrowserSession(() -> port);

	private HttpServer appServer;

	private final BlockingQueue<Map<String, String>> callbacks = new LinkedBlockingQueue<>();

	private String appBase;

	private String clientId;

	private final String verifier = SmartTestClient.verifier();

	@BeforeEach
	void startTheApp() throws IOException {
		appServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		appBase = "http://127.0.0.1:" + appServer.getAddress().getPort();
		appServer.createContext("/callback", exchange -> {
			callbacks.add(SmartTestClient.queryOf(exchange.getRequestURI().toString()));
			answer(exchange, 200, "<html><body><p id=\"received\">received</p></body></html>", null);
		});
		appServer.createContext("/launch", exchange -> {
			Map<String, String> launch = SmartTestClient.queryOf(exchange.getRequestURI().toString());
			Map<String, String> request = new SmartTestClient(port).request(clientId, appBase + "/callback",
					"launch patient/*.rs", "ehr-state", verifier);
			request.put("aud", launch.get("iss"));
			request.put("launch", launch.get("launch"));
			answer(exchange, 302, "", "http://127.0.0.1:" + port + SmartTestClient.authorizePath(request));
		});
		appServer.start();
		clientId = "browser-app-" + System.nanoTime() % 1_000_000;
		apps.register(new SmartAppService.Registration(clientId, "Browser test app", appBase + "/callback",
				appBase + "/launch", "launch launch/patient patient/*.rs", false, false));
	}

	@AfterEach
	void stopTheApp() {
		appServer.stop(0);
	}

	@Test
	void standaloneLaunchSignsInPicksThePatientAndTheAppReadsOnlyThatPatient() throws Exception {
		PatientId mine = patient("Lemmens");
		PatientId other = patient("Maes");
		SmartTestClient app = new SmartTestClient(port);
		session.driver().manage().deleteAllCookies();
		session.driver()
			.get(session.url(SmartTestClient.authorizePath(app.request(clientId, appBase + "/callback",
					"launch/patient patient/*.rs", "standalone-state", verifier))));
		session.await().until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		session.driver().findElement(By.id("username")).sendKeys("physician");
		session.driver().findElement(By.id("password")).sendKeys(ContinuumIntegrationTest.DEMO_PASSWORD);
		session.driver().findElement(By.id("sign-in")).click();

		session.await().until(ExpectedConditions.presenceOfElementLocated(By.id("q")));
		session.driver().findElement(By.id("q")).sendKeys(patients.read(mine).mrn());
		session.driver().findElement(By.id("search")).click();
		session.await().until(ExpectedConditions.elementToBeClickable(By.id("choose-" + mine.asString()))).click();
		session.await().until(ExpectedConditions.presenceOfElementLocated(By.id("approve")));
		assertThat(session.driver().findElement(By.id("consent-patient")).getText()).contains("Lemmens");
		assertThat(session.driver().findElement(By.id("consent-scopes")).getText()).contains("of this patient only");
		session.driver().findElement(By.id("approve")).click();

		Map<String, String> callback = callbacks.poll(20, TimeUnit.SECONDS);
		assertThat(callback).isNotNull().containsEntry("state", "standalone-state").containsKey("code");
		session.await().until(ExpectedConditions.presenceOfElementLocated(By.id("received")));

		JsonNode token = SmartTestClient
			.json(app.token(Map.of("grant_type", "authorization_code", "code", callback.get("code"), "redirect_uri",
					appBase + "/callback", "code_verifier", verifier, "client_id", clientId)));
		assertThat(token.get("patient").asString()).isEqualTo(mine.asString());
		String access = token.get("access_token").asString();
		HttpResponse<String> read = app.fhir("/Patient/" + mine.asString(), access);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).contains("Lemmens");
		assertThat(app.fhir("/Patient/" + other.asString(), access).statusCode()).isEqualTo(403);
	}

	@Test
	void ehrLaunchFromTheChartHandsTheAppTheChartsPatient() throws Exception {
		PatientId mine = patient("Wouters");
		session.signIn("physician");
		session.driver().get(session.url("/patients/" + mine.asString()));
		session.await().until(ExpectedConditions.elementToBeClickable(By.id("apps-link"))).click();
		session.await().until(ExpectedConditions.elementToBeClickable(By.id("launch-" + clientId))).click();
		session.await().until(ExpectedConditions.presenceOfElementLocated(By.id("approve")));
		assertThat(session.driver().findElement(By.id("consent-patient")).getText()).contains("Wouters");
		session.driver().findElement(By.id("approve")).click();

		Map<String, String> callback = callbacks.poll(20, TimeUnit.SECONDS);
		assertThat(callback).isNotNull().containsEntry("state", "ehr-state");
		SmartTestClient app = new SmartTestClient(port);
		JsonNode token = SmartTestClient
			.json(app.token(Map.of("grant_type", "authorization_code", "code", callback.get("code"), "redirect_uri",
					appBase + "/callback", "code_verifier", verifier, "client_id", clientId)));
		assertThat(token.get("patient").asString()).isEqualTo(mine.asString());
		assertThat(token.get("scope").asString()).contains("launch", "patient/");
	}

	private PatientId patient(String family) {
		return patients
			.register(new PatientData(List.of(), family, List.of("Browser"), null, LocalDate.of(1965, 5, 6),
					Gender.MALE, Address.NONE, null, null, null, false))
			.id();
	}

	private static void answer(HttpExchange exchange, int status, String body, String location) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		if (location != null) {
			exchange.getResponseHeaders().add("Location", location);
		}
		exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

}
