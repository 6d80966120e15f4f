package continuum.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/token}: short-lived JWTs whose scopes never exceed the role, and the
 * refusals.
 */
@ContinuumIntegrationTest
class ApiTokenIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	final ObjectMapper json = new ObjectMapper();

	HttpResponse<String> token(String form) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> changes(String bearer) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/changes?after=0&limit=1"))
			.header("Authorization", "Bearer " + bearer)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void issuesAShortLivedBearerTokenWithTheRolesScopes() throws Exception {
		HttpResponse<String> response = token("username=nurse&password=" + ContinuumIntegrationTest.DEMO_PASSWORD);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.get("expires_in").asLong()).isBetween(60L, 3600L);
		assertThat(body.get("scope").asString()).contains("user/Patient.crus").doesNotContain("AuditEvent");
		String payload = new String(Base64.getUrlDecoder().decode(body.get("access_token").asString().split("\\.")[1]),
				StandardCharsets.UTF_8);
		assertThat(json.readTree(payload).get("role").asString()).isEqualTo("NURSE");
	}

	@Test
	void narrowsRequestedScopesToWhatTheRoleAllows() throws Exception {
		HttpResponse<String> response = token("username=radiographer&password=" + ContinuumIntegrationTest.DEMO_PASSWORD
				+ "&scope=user/Patient.cruds%20user/AuditEvent.rs%20user/*.r");
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("scope").asString().split(" ")).contains("user/Patient.rs")
			.noneMatch(s -> s.startsWith("user/AuditEvent"))
			.noneMatch(s -> s.contains("c") && s.startsWith("user/Patient"));
	}

	@Test
	void refusesAScopeItCannotHonourInsteadOfWideningIt() throws Exception {
		String before = "select count(*) from audit_log where username = 'physician' and action = 'TOKEN' "
				+ "and outcome = 'DENIED'";
		long denials = jdbc.sql(before).query(Long.class).single();
		for (String scope : new String[] { "patient/Patient.c", "user/Patient.rs%20launch/patient", "user/Unicorn.rs",
				"user/Patient.sr" }) {
			HttpResponse<String> response = token(
					"username=physician&password=" + ContinuumIntegrationTest.DEMO_PASSWORD + "&scope=" + scope);
			assertThat(response.statusCode()).as(scope).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
			assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
			JsonNode body = json.readTree(response.body());
			assertThat(body.get("error").asString()).as(scope).isEqualTo("invalid_scope");
			assertThat(body.get("error_description").asString()).as(scope).startsWith("scope ");
			assertThat(body.has("access_token")).as(scope).isFalse();
		}
		assertThat(jdbc.sql(before).query(Long.class).single()).isEqualTo(denials + 4);
	}

	@Test
	void systemClientReadsTheChangeFeedOthersAreRefused() throws Exception {
		String system = json
			.readTree(token("username=interface&password=" + ContinuumIntegrationTest.DEMO_PASSWORD).body())
			.get("access_token")
			.asString();
		String nurse = json.readTree(token("username=nurse&password=" + ContinuumIntegrationTest.DEMO_PASSWORD).body())
			.get("access_token")
			.asString();
		assertThat(changes(system).statusCode()).isEqualTo(200);
		assertThat(changes(nurse).statusCode()).isEqualTo(403);
		long denials = jdbc
			.sql("select count(*) from audit_log where username = 'nurse' and outcome = 'DENIED' "
					+ "and resource_type = 'ChangeFeed'")
			.query(Long.class)
			.single();
		assertThat(denials).isPositive();
	}

	@Test
	void scopeNarrowerThanTheRoleLimitsTheToken() throws Exception {
		String narrowed = json
			.readTree(token(
					"username=interface&password=" + ContinuumIntegrationTest.DEMO_PASSWORD + "&scope=user/Patient.rs")
				.body())
			.get("access_token")
			.asString();
		assertThat(changes(narrowed).statusCode()).isEqualTo(403);
	}

	@Test
	void rejectsWrongPasswordsMissingFieldsAndForgedTokens() throws Exception {
		HttpResponse<String> wrong = token("username=scheduler&password=nope");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(json.readTree(wrong.body()).get("error").asString()).isEqualTo("invalid_grant");
		HttpResponse<String> missing = token("username=scheduler");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(json.readTree(missing.body()).get("error").asString()).isEqualTo("invalid_request");
		String good = json
			.readTree(token("username=interface&password=" + ContinuumIntegrationTest.DEMO_PASSWORD).body())
			.get("access_token")
			.asString();
		String refusedTokens = """
				select count(*) from audit_log where username = 'anonymous' and action = 'TOKEN'
				  and outcome = 'DENIED' and detail like 'bearer token refused%'""";
		long refusedBefore = jdbc.sql(refusedTokens).query(Long.class).single();
		String[] parts = good.split("\\.");
		String forgedPayload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
				.replace("\"SYSTEM\"", "\"AUDITOR\"")
				.getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> forged = changes(parts[0] + "." + forgedPayload + "." + parts[2]);
		assertThat(forged.statusCode()).isEqualTo(401);
		assertThat(forged.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
		assertThat(changes("not-a-jwt").statusCode()).isEqualTo(401);
		assertThat(jdbc.sql(refusedTokens).query(Long.class).single()).as("refused bearer tokens are audited")
			.isGreaterThanOrEqualTo(refusedBefore + 2);
	}

	@Test
	void locksTheAccountAfterRepeatedFailuresEvenForTheRightPassword() throws Exception {
		jdbc.sql("insert into app_user (username, password_hash, role, family_name, given_name) "
				+ "select 'lockme', password_hash, 'NURSE', 'Lock', 'Me' from app_user where username = 'nurse' "
				+ "on conflict do nothing")
			.update();
		// Signed in from here before: failures from an address the account never signed
		// in
		// from do not lock it (docs/security.md, "Abuse limits").
		assertThat(token("username=lockme&password=" + ContinuumIntegrationTest.DEMO_PASSWORD).statusCode())
			.isEqualTo(200);
		for (int i = 0; i < 5; i++) {
			assertThat(token("username=lockme&password=wrong-" + i).statusCode()).isEqualTo(401);
		}
		assertThat(token("username=lockme&password=" + ContinuumIntegrationTest.DEMO_PASSWORD).statusCode())
			.isEqualTo(401);
		long lockedDenials = jdbc
			.sql("select count(*) from audit_log where username = 'lockme' and action = 'LOGIN' "
					+ "and outcome = 'DENIED' and detail = 'LockedException'")
			.query(Long.class)
			.single();
		assertThat(lockedDenials).isEqualTo(1);
	}

}
