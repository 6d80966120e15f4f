package continuum.fhir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write is parsed strictly: what HAPI's lenient parser used to drop or garble (an
 * unknown element, an object where strings belong, a JSON key given twice, bytes that are
 * not UTF-8) is a 400 OperationOutcome that says what and where, and nothing is written.
 * {@code Prefer: handling=lenient} lets a client have the unknown dropped on purpose. A
 * birth in the future is refused too.
 */
@ContinuumIntegrationTest
class StrictBodyIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private String physician;

	@BeforeEach
	void signIn() {
		physician = FhirTestSupport.token(port, "physician");
	}

	private static String patient(String family, String extra) {
		return "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "\",\"given\":[\"Ann\"]}],"
				+ "\"gender\":\"female\",\"birthDate\":\"1980-02-03\"" + extra + "}";
	}

	private HttpResponse<String> post(byte[] body, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/Patient"))
			.header("Authorization", "Bearer " + physician)
			.header("Content-Type", "application/fhir+json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String body, String... headers) throws Exception {
		return post(body.getBytes(StandardCharsets.UTF_8), headers);
	}

	private long named(String family) {
		return jdbc.sql("select count(*) from patient where family_name = :f")
			.param("f", family)
			.query(Long.class)
			.single();
	}

	private static void assertBadRequest(HttpResponse<String> response, String... says) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"").contains(says);
	}

	@Test
	void anUnknownElementIsRefusedUnlessTheClientPrefersLenientHandling() throws Exception {
		assertBadRequest(post(patient("Strictunknown", ",\"nickname\":\"Annie\"")), "Unknown element 'nickname'");
		assertThat(named("Strictunknown")).isZero();
		HttpResponse<String> lenient = post(patient("Strictunknown", ",\"nickname\":\"Annie\""), "Prefer",
				"return=minimal, handling=lenient");
		assertThat(lenient.statusCode()).as(lenient.body()).isEqualTo(201);
		assertThat(named("Strictunknown")).isOne();
	}

	@Test
	void anObjectWhereStringsBelongIsRefused() throws Exception {
		String body = patient("Strictgiven", "").replace("[\"Ann\"]", "[{\"text\":\"Ann\"}]");
		assertBadRequest(post(body), "not a valid Patient resource");
		assertThat(named("Strictgiven")).isZero();
	}

	@Test
	void aKeyGivenTwiceIsRefusedNotResolvedByTheLastOne() throws Exception {
		String body = patient("Strictdupone", "").replace("\"family\":\"Strictdupone\"",
				"\"family\":\"Strictdupone\",\"family\":\"Strictduptwo\"");
		assertBadRequest(post(body), "Duplicate field 'family'", "line 1");
		assertThat(named("Strictdupone") + named("Strictduptwo")).isZero();
	}

	@Test
	void bytesThatAreNotUtf8AreRefusedNotStoredAsReplacementCharacters() throws Exception {
		byte[] body = patient("StrictXXutf", "").getBytes(StandardCharsets.US_ASCII);
		String text = new String(body, StandardCharsets.US_ASCII);
		int at = text.indexOf("XX");
		body[at] = (byte) 0xff;
		body[at + 1] = (byte) 0xfe;
		assertBadRequest(post(body), "not valid UTF-8", "byte " + at);
		assertThat(
				jdbc.sql("select count(*) from patient where family_name like 'Strict%utf'").query(Long.class).single())
			.isZero();
	}

	@Test
	void aBirthInTheFutureIsRefusedAndTodayIsNot() throws Exception {
		// Two days ahead of UTC is after today everywhere on Earth, at any hour.
		String future = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
		for (String birthDate : new String[] { "2999-01-01", future }) {
			HttpResponse<String> response = post(patient("Strictfuture", "").replace("1980-02-03", birthDate));
			assertThat(response.statusCode()).as(birthDate).isEqualTo(422);
			assertThat(response.body()).contains("OperationOutcome", "Birth date is in the future");
		}
		assertThat(named("Strictfuture")).isZero();
		String today = LocalDate.now(ZoneOffset.UTC).toString();
		assertThat(post(patient("Stricttoday", "").replace("1980-02-03", today)).statusCode()).isEqualTo(201);
	}

}
