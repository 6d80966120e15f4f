package continuum.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.security.RateLimiterTests.MovableClock;
import continuum.web.WebSession;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The abuse limits at low values, in a context of their own (the shared one raises them
 * for the suite's many requests from one address), on a clock the test moves: each test
 * starts a few minutes later, with every bucket full again. A stranger is a second
 * loopback address (127.0.0.2) against the server on 127.0.0.1.
 */
@ContinuumIntegrationTest
@TestPropertySource(properties = { "continuum.demo.patients=0", "continuum.security.rate-limit.sign-in-address=6/1m",
		"continuum.security.rate-limit.sign-in-account=2/1m", "continuum.security.rate-limit.unauthenticated=3/1m",
		"continuum.security.rate-limit.api-user=5/1m" })
class RateLimitIntegrationTests {

	private static final String HERE = "127.0.0.1";

	private static final String STRANGER = "127.0.0.2";

	@TestConfiguration
	static class MovableTime {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(Instant.now());
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	MovableClock clock;

	@Autowired
	StaffService staff;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	private long auditBefore;

	@BeforeEach
	void everyBucketFullAgain() {
		clock.move(Duration.ofMinutes(3));
		auditBefore = jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single();
	}

	@Test
	void aStrangerCannotLockASystemAccountOut() throws Exception {
		String username = "iface" + System.nanoTime() % 1_000_000;
		StaffMember member = staff
			.createInitial(new NewStaffMember(username, "Interface-Secret-81", Role.SYSTEM, "Engine", "Lab", null));
		assertThat(token(HERE, username, "Interface-Secret-81").status()).isEqualTo(200);
		double refusedBefore = refusals("sign-in-account");

		for (int i = 0; i < 2; i++) {
			assertThat(token(STRANGER, username, "guess-" + i).status()).isEqualTo(401);
		}
		Answer refused = token(STRANGER, username, "guess-2");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).isEqualTo("30");
		assertThat(refused.body()).contains("\"error\":\"temporarily_unavailable\"");
		assertThat(token(STRANGER, username, "Interface-Secret-81").status())
			.as("refused before the password is checked")
			.isEqualTo(429);

		assertThat(token(HERE, username, "Interface-Secret-81").status()).as("the interface itself goes on")
			.isEqualTo(200);
		assertThat(jdbc.sql("select locked_until is null and failed_attempts = 0 from app_user where id = :id")
			.param("id", member.id())
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(trips("sign-in-account", username)).as("one trip audited, not one row per refusal").isEqualTo(1);
		assertThat(refusals("sign-in-account") - refusedBefore).isEqualTo(2);

		clock.move(Duration.ofSeconds(30));
		assertThat(token(STRANGER, username, "guess-3").status()).as("one more guess after the interval")
			.isEqualTo(401);
	}

	@Test
	void failuresFromAnAddressTheAccountSignedInFromStillLockIt() throws Exception {
		String username = "locked" + System.nanoTime() % 1_000_000;
		staff.createInitial(new NewStaffMember(username, "Right-Password-42", Role.NURSE, "Grendel", "Jan", null));
		assertThat(token(HERE, username, "Right-Password-42").status()).isEqualTo(200);
		for (int i = 0; i < 5; i++) {
			assertThat(token(HERE, username, "wrong-" + i).status()).isEqualTo(401);
		}
		assertThat(token(HERE, username, "Right-Password-42").status()).as("locked").isEqualTo(401);
	}

	@Test
	void anAddressThatKeepsFailingGetsTheSignInAndPasswordPagesWithA429() throws Exception {
		WebSession signedIn = WebSession.signIn(port, "nurse");
		signedIn.get("/account/password");
		WebSession browser = WebSession.anonymous(port);
		browser.get("/login");
		for (int i = 0; i < 6; i++) {
			var failed = browser.post("/login", Map.of("username", "nobody-" + i, "password", "guess"));
			assertThat(WebSession.location(failed)).endsWith("/login?error");
		}
		var refused = browser.post("/login",
				Map.of("username", "nurse", "password", ContinuumIntegrationTest.DEMO_PASSWORD));
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
		assertThat(refused.body()).contains("id=\"throttled\"", "try again in 10 seconds", "name=\"password\"");
		var password = signedIn.post("/account/password",
				Map.of("current", "a-guess", "password", "Nieuw-Wachtwoord-7", "confirm", "Nieuw-Wachtwoord-7"));
		assertThat(password.statusCode()).as("the password page, from the same address").isEqualTo(429);
		assertThat(password.body()).contains("Too many wrong passwords", "Try again in 10 seconds");
		assertThat(jdbc.sql("""
				select count(*) from audit_log where id > :before and resource_type = 'RateLimit'
				and resource_id = 'sign-in-address' and address = '127.0.0.1'""")
			.param("before", auditBefore)
			.query(Long.class)
			.single()).isEqualTo(1);

		clock.move(Duration.ofSeconds(10));
		WebSession.signIn(port, "nurse");
	}

	@Test
	void requestsWithoutValidCredentialsAreCutOffBeforeTheyFloodTheAuditLog() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(send(HERE, "GET", "/fhir/Patient", "Authorization: Bearer forged." + i, null).status())
				.isEqualTo(401);
		}
		Answer fhir = send(HERE, "GET", "/fhir/Patient", "Authorization: Bearer forged.4", null);
		assertThat(fhir.status()).isEqualTo(429);
		assertThat(fhir.header("Retry-After")).isEqualTo("20");
		assertThat(fhir.header("Content-Type")).startsWith("application/fhir+json");
		assertThat(fhir.body()).contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"throttled\"");
		Answer api = send(HERE, "GET", "/api/changes", null, null);
		assertThat(api.status()).isEqualTo(429);
		assertThat(api.header("Content-Type")).startsWith("application/problem+json");
		assertThat(api.body()).contains("\"status\":429");
		Answer page = send(HERE, "GET", "/patients", null, null);
		assertThat(page.status()).isEqualTo(429);
		assertThat(page.body()).contains("id=\"throttled\"");

		assertThat(jdbc.sql("""
				select count(*) from audit_log where id > :before and action = 'TOKEN' and outcome = 'DENIED'
				and resource_type = 'Token'""").param("before", auditBefore).query(Long.class).single())
			.as("the three refused tokens, not the ones refused by the limit")
			.isEqualTo(3);
		assertThat(trips("unauthenticated", "anonymous")).isEqualTo(1);
		assertThat(send(STRANGER, "GET", "/fhir/Patient", null, null).status()).as("another address").isEqualTo(401);
	}

	@Test
	void eachUserHasTheirShareOfTheApi() throws Exception {
		String physician = accessToken(HERE, "physician");
		String nurse = accessToken(HERE, "nurse");
		double refusedBefore = refusals("api-user");
		for (int i = 0; i < 5; i++) {
			assertThat(send(HERE, "GET", "/fhir/metadata", "Authorization: Bearer " + physician, null).status())
				.isEqualTo(200);
		}
		Answer fhir = send(HERE, "GET", "/fhir/metadata", "Authorization: Bearer " + physician, null);
		assertThat(fhir.status()).isEqualTo(429);
		assertThat(fhir.header("Retry-After")).isEqualTo("12");
		assertThat(fhir.body()).contains("\"code\":\"throttled\"");
		Answer dicomweb = send(HERE, "GET", "/dicomweb/studies", "Authorization: Bearer " + physician, null);
		assertThat(dicomweb.status()).isEqualTo(429);
		assertThat(dicomweb.header("Content-Type")).startsWith("application/problem+json");
		assertThat(send(HERE, "GET", "/fhir/metadata", "Authorization: Bearer " + nurse, null).status())
			.as("another user")
			.isEqualTo(200);
		assertThat(trips("api-user", "physician")).isEqualTo(1);
		assertThat(refusals("api-user") - refusedBefore).isEqualTo(2);
		assertThat(meters.find("continuum.rate.limit.refusals").counters())
			.allSatisfy(counter -> assertThat(counter.getId().getTags()).extracting("key").containsExactly("limit"));

		clock.move(Duration.ofSeconds(12));
		assertThat(send(HERE, "GET", "/fhir/metadata", "Authorization: Bearer " + physician, null).status())
			.isEqualTo(200);
	}

	private long trips(String limit, String username) {
		return jdbc.sql("""
				select count(*) from audit_log where id > :before and resource_type = 'RateLimit'
				and resource_id = :limit and username = :username and outcome = 'DENIED'""")
			.param("before", auditBefore)
			.param("limit", limit)
			.param("username", username)
			.query(Long.class)
			.single();
	}

	private double refusals(String limit) {
		return meters.get("continuum.rate.limit.refusals").tag("limit", limit).counter().count();
	}

	private String accessToken(String from, String username) throws IOException {
		Answer answer = token(from, username, ContinuumIntegrationTest.DEMO_PASSWORD);
		assertThat(answer.status()).isEqualTo(200);
		int start = answer.body().indexOf("\"access_token\":\"") + 16;
		return answer.body().substring(start, answer.body().indexOf('"', start));
	}

	private Answer token(String from, String username, String password) throws IOException {
		return send(from, "POST", "/api/token", "Content-Type: application/x-www-form-urlencoded",
				"username=" + username + "&password=" + password);
	}

	/**
	 * One request from a chosen loopback address (the JDK's client cannot choose its
	 * source address), with {@code Connection: close}.
	 */
	private Answer send(String from, String method, String path, String header, String body) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
			socket.connect(new InetSocketAddress(InetAddress.getByName(HERE), port), 10_000);
			socket.setSoTimeout(30_000);
			byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
			StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
			head.append("Host: 127.0.0.1\r\nAccept: */*\r\nConnection: close\r\n");
			if (header != null) {
				head.append(header).append("\r\n");
			}
			if (body != null) {
				head.append("Content-Length: ").append(content.length).append("\r\n");
			}
			head.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			socket.getInputStream().transferTo(all);
			String text = all.toString(StandardCharsets.UTF_8);
			int end = text.indexOf("\r\n\r\n");
			return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4));
		}
	}

	/** A response: status, head and body (chunk framing left in). */
	record Answer(int status, String head, String body) {

		String header(String name) {
			for (String line : head.split("\r\n")) {
				if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
					return line.substring(name.length() + 1).strip();
				}
			}
			return null;
		}

	}

}
