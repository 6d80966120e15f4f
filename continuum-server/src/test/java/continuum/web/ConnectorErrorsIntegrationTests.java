package continuum.web;

import java.io.IOException;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Tomcat and the firewall refuse before any controller runs is answered in the form
 * of the door it was sent to (OperationOutcome on {@code /fhir}, problem JSON on
 * {@code /api}, a page elsewhere), never with Tomcat's or Spring Boot's own error page;
 * the documented size limits answer 414 and 431. Sent on a raw socket: HTTP clients will
 * not send most of these.
 */
@ContinuumIntegrationTest
class ConnectorErrorsIntegrationTests {

	@LocalServerPort
	int port;

	private String bearer;

	@BeforeEach
	void signIn() {
		bearer = "Authorization: Bearer " + FhirTestSupport.token(port, "physician");
	}

	private RawHttp.Answer get(String target, String... headers) throws IOException {
		String[] all = new String[headers.length + 1];
		all[0] = bearer;
		System.arraycopy(headers, 0, all, 1, headers.length);
		return RawHttp.send(port, "GET " + target + " HTTP/1.1", all);
	}

	private static void assertOperationOutcome(RawHttp.Answer answer, int status, String diagnostics) {
		assertThat(answer.status()).as(answer.head()).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/fhir+json");
		assertThat(answer.body()).contains("\"resourceType\":\"OperationOutcome\"", diagnostics);
		assertNoContainerPage(answer);
	}

	private static void assertNoContainerPage(RawHttp.Answer answer) {
		assertThat(answer.body()).doesNotContain("HTTP Status", "Tomcat", "Whitelabel", "\"timestamp\"", "Exception",
				"at org.");
	}

	@Test
	void pathsTomcatRefusesAreOperationOutcomesOnTheFhirPath() throws IOException {
		for (String path : new String[] { "/fhir/Patient/a%2Fb", "/fhir/Patient/%00", "/fhir/Pat%zzient",
				"/fhir/Patient/%2e%2e%2f%2e%2e" }) {
			assertOperationOutcome(get(path), 400, "malformed");
		}
	}

	@Test
	void pathsTheFirewallRefusesAreOperationOutcomesOnTheFhirPath() throws IOException {
		for (String path : new String[] { "/fhir/Patient;x=1", "/fhir/Patient//1", "/fhir/Patient/%25" }) {
			assertOperationOutcome(get(path), 400, "could not be handled");
		}
	}

	@Test
	void theOtherDoorsAnswerInTheirOwnFormWithoutTomcatsPage() throws IOException {
		RawHttp.Answer api = get("/api/a%2Fb");
		assertThat(api.status()).isEqualTo(400);
		assertThat(api.contentType()).startsWith("application/problem+json");
		assertThat(api.body()).contains("\"status\":400");
		assertNoContainerPage(api);
		RawHttp.Answer missing = get("/api/no-such-endpoint");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.contentType()).startsWith("application/problem+json");
		assertNoContainerPage(missing);
		for (String path : new String[] { "/patients/a%2Fb", "/patients;x=1" }) {
			RawHttp.Answer page = get(path);
			assertThat(page.status()).as(path).isEqualTo(400);
			assertThat(page.contentType()).as(path).startsWith("text/html");
			assertThat(page.body()).as(path).contains("Back to the start page");
			assertNoContainerPage(page);
		}
	}

	@Test
	void bracketsAndBracesInAQueryAreSearchedNotRefused() throws IOException {
		RawHttp.Answer answer = get("/fhir/Patient?name=[x]{y}");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains("\"resourceType\":\"Bundle\"");
	}

	@Test
	void aUrlOverTheDocumentedLimitIs414() throws IOException {
		String query = "name=" + "a".repeat(RequestGuardFilter.MAXIMUM_URL_LENGTH);
		assertOperationOutcome(get("/fhir/Patient?" + query), 414, "at most 8192");
		RawHttp.Answer api = get("/api/notifications?" + query);
		assertThat(api.status()).isEqualTo(414);
		assertThat(api.contentType()).startsWith("application/problem+json");
		// A request line beyond what the connector reads at all: Tomcat never learns the
		// path, so the answer is the neutral page, but still a 414 and not Tomcat's.
		RawHttp.Answer unread = get("/fhir/Patient?name=" + "a".repeat(20_000));
		assertThat(unread.status()).isEqualTo(414);
		assertNoContainerPage(unread);
		assertThat(get("/fhir/Patient?name=" + "a".repeat(7_500)).status()).as("under the limit").isEqualTo(200);
	}

	@Test
	void headersOverTheDocumentedLimitAre431() throws IOException {
		String big = "X-Padding: " + "a".repeat(20 * 1024);
		assertOperationOutcome(get("/fhir/Patient", big), 431, "headers are larger");
		RawHttp.Answer page = get("/patients", big);
		assertThat(page.status()).isEqualTo(431);
		assertThat(page.contentType()).startsWith("text/html");
		assertNoContainerPage(page);
		assertThat(get("/fhir/Patient?_count=1", "X-Padding: " + "a".repeat(8 * 1024)).status()).as("under the limit")
			.isEqualTo(200);
	}

}
