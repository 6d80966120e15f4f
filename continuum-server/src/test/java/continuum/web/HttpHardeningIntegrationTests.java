package continuum.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP-level controls of the security review's checklist (docs/security.md, "OWASP
 * ASVS 5.0 level 2") that no feature's own tests show: methods that leak, caching of
 * patient data, cross-origin reads, session fixation, XML entities, what the server never
 * serves.
 */
@ContinuumIntegrationTest
class HttpHardeningIntegrationTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
	}

	@Test
	void traceIsNotServedOnAnyDoor() throws Exception {
		for (String path : List.of("/login", "/fhir/metadata", "/api/status", "/actuator/health",
				"/dicomweb/studies")) {
			RawHttp.Answer answer = RawHttp.send(port, "TRACE " + path + " HTTP/1.1", "X-Secret: echo-me");
			assertThat(answer.status()).as(path).isIn(400, 401, 403, 405);
			assertThat(answer.body()).as(path).doesNotContain("echo-me");
		}
	}

	@Test
	void patientDataIsNeverCachedByTheBrowserOrAProxy() throws Exception {
		WebSession nurse = WebSession.signIn(port, "nurse");
		HttpResponse<String> chart = nurse.get("/patients/1");
		assertThat(chart.statusCode()).isEqualTo(200);
		assertThat(chart.headers().firstValue("Cache-Control"))
			.hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		HttpResponse<String> read = send(
				request("/fhir/Patient/1").header("Authorization", "Bearer " + FhirTestSupport.token(port, "nurse")));
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.headers().firstValue("Cache-Control"))
			.hasValueSatisfying(v -> assertThat(v).contains("no-store"));
	}

	@Test
	void responsesNameTheirCharacterSet() throws Exception {
		WebSession nurse = WebSession.signIn(port, "nurse");
		assertThat(nurse.get("/patients").headers().firstValue("Content-Type"))
			.hasValueSatisfying(v -> assertThat(v.toLowerCase()).startsWith("text/html").contains("charset=utf-8"));
		HttpResponse<String> outcome = send(request("/fhir/Patient/1"));
		assertThat(outcome.statusCode()).isEqualTo(401);
		assertThat(outcome.headers().firstValue("Content-Type")).hasValueSatisfying(
				v -> assertThat(v.toLowerCase()).startsWith("application/fhir+json").contains("charset=utf-8"));
	}

	@Test
	void noOtherOriginIsAllowedToReadAnAnswer() throws Exception {
		String token = FhirTestSupport.token(port, "nurse");
		HttpResponse<String> read = send(request("/fhir/Patient/1").header("Authorization", "Bearer " + token)
			.header("Origin", "https://evil.example"));
		assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> preflight = send(request("/fhir/Patient/1").header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "GET")
			.header("Access-Control-Request-Headers", "authorization")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
	}

	@Test
	void signingInGivesANewSessionIdAndTheCookieIsHiddenFromScripts() throws Exception {
		HttpResponse<String> form = send(request("/login"));
		String before = sessionCookie(form.headers().allValues("Set-Cookie"));
		assertThat(before).as("the login page opens a session for its CSRF token").isNotNull();
		assertThat(form.headers().allValues("Set-Cookie").toString()).contains("HttpOnly").contains("SameSite=Lax");
		java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
			.matcher(form.body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> signedIn = send(request("/login").header("Cookie", "SESSION=" + before)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("username=nurse&password=" + ContinuumIntegrationTest.DEMO_PASSWORD + "&_csrf="
						+ java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8))));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(signedIn)).doesNotContain("error");
		String after = sessionCookie(signedIn.headers().allValues("Set-Cookie"));
		assertThat(after).as("a new session id on sign-in").isNotNull().isNotEqualTo(before);
		assertThat(send(request("/patients").header("Cookie", "SESSION=" + after)).statusCode()).isEqualTo(200);
		assertThat(send(request("/patients").header("Cookie", "SESSION=" + before)).statusCode())
			.as("the id from before the sign-in opens nothing")
			.isEqualTo(302);
	}

	private static String sessionCookie(List<String> setCookies) {
		for (String cookie : setCookies) {
			if (cookie.startsWith("SESSION=")) {
				return cookie.substring("SESSION=".length(), cookie.indexOf(';'));
			}
		}
		return null;
	}

	@Test
	void anXmlBodyCannotReadAFileThroughAnEntity() throws Exception {
		String xml = """
				<?xml version="1.0"?>
				<!DOCTYPE Patient [<!ENTITY leak SYSTEM "file:///etc/hostname">]>
				<Patient xmlns="http://hl7.org/fhir"><name><family value="&leak;"/></name></Patient>
				""";
		HttpResponse<String> created = send(
				request("/fhir/Patient").header("Authorization", "Bearer " + FhirTestSupport.token(port, "nurse"))
					.header("Content-Type", "application/fhir+xml")
					.header("Accept", "application/fhir+json")
					.POST(HttpRequest.BodyPublishers.ofString(xml)));
		assertThat(created.statusCode()).isBetween(400, 499);
		String hostname = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
		assertThat(created.body()).contains("OperationOutcome").doesNotContain(hostname);
	}

	@Test
	void nothingButTheApplicationIsServed() throws Exception {
		for (String path : List.of("/.git/config", "/css/", "/js/", "/actuator/env", "/actuator/heapdump",
				"/actuator/configprops", "/WEB-INF/web.xml", "/application.properties")) {
			HttpResponse<String> response = send(request(path));
			assertThat(response.statusCode()).as(path).isIn(302, 401, 403, 404);
			assertThat(response.body()).as(path).doesNotContain("[core]").doesNotContain("spring.datasource");
		}
	}

}
