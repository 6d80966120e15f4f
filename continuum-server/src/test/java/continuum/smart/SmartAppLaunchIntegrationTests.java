package continuum.smart;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import continuum.ContinuumIntegrationTest;
import continuum.patients.Address;
import continuum.patients.Allergy;
import continuum.patients.ClinicalCode;
import continuum.patients.ClinicalKind;
import continuum.patients.ClinicalQuery;
import continuum.patients.ClinicalRecordService;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.security.NewStaffMember;
import continuum.security.Role;
import continuum.security.SmartAppService;
import continuum.security.StaffMember;
import continuum.security.StaffService;
import continuum.web.WebSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMART App Launch 2.0 over HTTP: discovery, the authorization code flow with PKCE from a
 * signed-in web session (standalone with a patient picked, EHR launch from the chart),
 * patient/ scopes held to the launch patient, rotating refresh tokens with reuse
 * detection, revocation, and every refusal in its OAuth form.
 */
@ContinuumIntegrationTest
class SmartAppLaunchIntegrationTests {

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static final String REDIRECT = "http://127.0.0.1:9/callback";

	@LocalServerPort
	int port;

	@Autowired
	SmartAppService apps;

	@Autowired
	PatientService patients;

	@Autowired
	ClinicalRecordService clinical;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StaffService staff;

	SmartTestClient app;

	String clientId;

	PatientId mine;

	PatientId other;

	@BeforeEach
	void registerAnAppAndTwoPatients() {
		app = new SmartTestClient(port);
		clientId = "smart-test-" + COUNTER.incrementAndGet() + "-" + System.nanoTime() % 100_000;
		apps.register(new SmartAppService.Registration(clientId, "Allergy viewer", REDIRECT,
				"http://127.0.0.1:9/launch",
				"launch launch/patient patient/*.rs user/Practitioner.rs offline_access online_access", false, false));
		mine = patient("Vandenberghe");
		other = patient("Claeys");
	}

	@Test
	void discoveryNamesTheEndpointsAndExactlyWhatIsBuilt() throws Exception {
		for (String path : List.of("/.well-known/smart-configuration", "/fhir/.well-known/smart-configuration")) {
			HttpResponse<String> response = app.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			JsonNode document = SmartTestClient.json(response);
			assertThat(document.get("authorization_endpoint").asString()).isEqualTo(app.base() + "/oauth/authorize");
			assertThat(document.get("token_endpoint").asString()).isEqualTo(app.base() + "/api/token");
			assertThat(document.get("revocation_endpoint").asString()).isEqualTo(app.base() + "/api/token/revoke");
			assertThat(document.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
			assertThat(document.get("capabilities").toString()).contains("launch-ehr", "launch-standalone",
					"client-public", "client-confidential-symmetric", "context-ehr-patient",
					"context-standalone-patient", "permission-v2", "permission-offline");
			assertThat(document.get("scopes_supported").toString()).doesNotContain("openid", "fhirUser");
		}
		HttpResponse<String> metadata = app.get("/fhir/metadata?_format=json");
		assertThat(metadata.body()).contains("SMART-on-FHIR",
				"http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
				app.base() + "/oauth/authorize");
	}

	@Test
	void aStandaloneLaunchGivesATokenForThePickedPatientAndNoOther() throws Exception {
		WebSession web = WebSession.signIn(port, "physician");
		String verifier = SmartTestClient.verifier();
		Map<String, String> answer = authorize(web, app.request(clientId, REDIRECT,
				"launch/patient patient/AllergyIntolerance.rs patient/Patient.r", "state-1", verifier), mine, true);
		assertThat(answer).containsEntry("state", "state-1").containsKey("code");

		HttpResponse<String> token = exchange(answer.get("code"), verifier, REDIRECT);
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		JsonNode body = SmartTestClient.json(token);
		assertThat(body.get("patient").asString()).isEqualTo(mine.asString());
		assertThat(body.get("scope").asString()).contains("launch/patient", "patient/AllergyIntolerance.rs",
				"patient/Patient.r");
		assertThat(body.has("refresh_token")).isFalse();
		String access = body.get("access_token").asString();

		assertThat(app.fhir("/Patient/" + mine.asString(), access).statusCode()).isEqualTo(200);
		HttpResponse<String> otherPatient = app.fhir("/Patient/" + other.asString(), access);
		assertThat(otherPatient.statusCode()).isEqualTo(403);
		assertThat(otherPatient.body()).contains("OperationOutcome");
		HttpResponse<String> allergies = app.fhir("/AllergyIntolerance", access);
		assertThat(allergies.statusCode()).as(allergies.body()).isEqualTo(200);
		assertThat(allergies.body()).contains("Patient/" + mine.asString())
			.doesNotContain("Patient/" + other.asString());
		assertThat(app.fhir("/AllergyIntolerance?patient=" + other.asString(), access).statusCode()).isEqualTo(403);
		HttpResponse<String> included = app.fhir("/AllergyIntolerance?_include=AllergyIntolerance:patient", access);
		assertThat(included.body()).doesNotContain("Patient/" + other.asString());
		assertThat(app.fhir("/Patient/" + other.asString() + "/$everything", access).statusCode()).isEqualTo(403);
		long othersAllergy = clinical.search(ClinicalKind.ALLERGIES, ClinicalQuery.of(other)).entries().get(0).id();
		assertThat(app.fhir("/AllergyIntolerance/" + othersAllergy, access).statusCode()).isEqualTo(403);
		assertThat(app.fhir("/AllergyIntolerance/" + othersAllergy + "/_history/1", access).statusCode()).isIn(403,
				404);
		HttpResponse<String> byName = app.fhir("/Patient?family=Claeys", access);
		assertThat(byName.statusCode() == 403 || !byName.body().contains(other.asString())).as(byName.body()).isTrue();
		assertThat(app.fhir("/Condition", access).statusCode()).as("not granted").isEqualTo(403);
		assertThat(jdbc
			.sql("select count(*) from audit_log where patient_id = :p and outcome = 'DENIED' "
					+ "and detail like 'outside the app''s patient context%'")
			.param("p", other.asString())
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void anEhrLaunchFromTheChartCarriesItsPatientWithoutAPickerAndOnlyOnce() throws Exception {
		WebSession web = WebSession.signIn(port, "physician");
		web.get("/patients/" + mine.asString() + "/apps");
		HttpResponse<String> launched = web.post("/patients/" + mine.asString() + "/apps/" + clientId + "/launch",
				Map.of());
		assertThat(launched.statusCode()).isEqualTo(302);
		Map<String, String> launch = SmartTestClient.queryOf(WebSession.location(launched));
		assertThat(WebSession.location(launched)).startsWith("http://127.0.0.1:9/launch?");
		assertThat(launch).containsEntry("iss", app.fhirBase()).containsKey("launch");

		String verifier = SmartTestClient.verifier();
		Map<String, String> request = app.request(clientId, REDIRECT, "launch patient/*.rs", "ehr", verifier);
		request.put("launch", launch.get("launch"));
		Map<String, String> answer = authorize(web, request, null, true);
		JsonNode token = SmartTestClient.json(exchange(answer.get("code"), verifier, REDIRECT));
		assertThat(token.get("patient").asString()).isEqualTo(mine.asString());

		HttpResponse<String> again = web.get(SmartTestClient.authorizePath(request));
		assertThat(SmartTestClient.queryOf(WebSession.location(again))).containsEntry("error", "invalid_request")
			.containsEntry("state", "ehr");
	}

	@Test
	void refreshTokensRotateAndAReusedOneRevokesTheWholeGrant() throws Exception {
		WebSession web = WebSession.signIn(port, "physician");
		String verifier = SmartTestClient.verifier();
		Map<String, String> answer = authorize(web,
				app.request(clientId, REDIRECT, "launch/patient patient/*.rs offline_access", "r", verifier), mine,
				true);
		JsonNode first = SmartTestClient.json(exchange(answer.get("code"), verifier, REDIRECT));
		String refresh1 = first.get("refresh_token").asString();

		HttpResponse<String> rotated = app
			.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh1, "client_id", clientId));
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		JsonNode second = SmartTestClient.json(rotated);
		String refresh2 = second.get("refresh_token").asString();
		String access2 = second.get("access_token").asString();
		assertThat(refresh2).isNotEqualTo(refresh1);
		assertThat(second.get("patient").asString()).isEqualTo(mine.asString());
		assertThat(app.fhir("/Patient/" + mine.asString(), access2).statusCode()).isEqualTo(200);

		HttpResponse<String> narrowed = app.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh2,
				"client_id", clientId, "scope", "user/Patient.rs"));
		assertThat(SmartTestClient.json(narrowed).get("error").asString()).isEqualTo("invalid_scope");

		HttpResponse<String> reused = app
			.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh1, "client_id", clientId));
		assertThat(reused.statusCode()).isEqualTo(400);
		assertThat(SmartTestClient.json(reused).get("error").asString()).isEqualTo("invalid_grant");
		HttpResponse<String> afterReuse = app
			.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh2, "client_id", clientId));
		assertThat(SmartTestClient.json(afterReuse).get("error").asString()).isEqualTo("invalid_grant");
		assertThat(app.fhir("/Patient/" + mine.asString(), access2).statusCode()).isEqualTo(401);
		assertThat(jdbc
			.sql("select count(*) from audit_log where resource_type = 'SmartApp' and resource_id = :c "
					+ "and outcome = 'DENIED' and detail like '%refresh token presented a second time%'")
			.param("c", clientId)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anOfflineGrantEndsWhenItsUserIsDisabled() throws Exception {
		String username = "smart-doc-" + System.nanoTime() % 1_000_000;
		StaffMember doctor = staff.createInitial(new NewStaffMember(username, ContinuumIntegrationTest.DEMO_PASSWORD,
				Role.PHYSICIAN, "Smart", "Doctor", null));
		WebSession web = WebSession.signIn(port, username);
		String verifier = SmartTestClient.verifier();
		Map<String, String> answer = authorize(web,
				app.request(clientId, REDIRECT, "launch/patient patient/*.rs offline_access", "o", verifier), mine,
				true);
		JsonNode token = SmartTestClient.json(exchange(answer.get("code"), verifier, REDIRECT));
		assertThat(token.get("refresh_token")).isNotNull();

		staff.setEnabled(doctor.id(), false);
		HttpResponse<String> refused = app.token(Map.of("grant_type", "refresh_token", "refresh_token",
				token.get("refresh_token").asString(), "client_id", clientId));
		assertGrantError(refused, "invalid_grant");
		assertThat(app.fhir("/Patient/" + mine.asString(), token.get("access_token").asString()).statusCode())
			.isEqualTo(401);
	}

	@Test
	void anOnlineGrantLastsOnlyAsLongAsTheWebSessionItWasGivenIn() throws Exception {
		WebSession web = WebSession.signIn(port, "physician");
		String verifier = SmartTestClient.verifier();
		Map<String, String> answer = authorize(web,
				app.request(clientId, REDIRECT, "launch/patient patient/*.rs online_access", "n", verifier), mine,
				true);
		JsonNode first = SmartTestClient.json(exchange(answer.get("code"), verifier, REDIRECT));
		assertThat(first.get("scope").asString()).contains("online_access").doesNotContain("offline_access");
		HttpResponse<String> refreshed = app.token(Map.of("grant_type", "refresh_token", "refresh_token",
				first.get("refresh_token").asString(), "client_id", clientId));
		assertThat(refreshed.statusCode()).isEqualTo(200);

		web.get("/");
		web.post("/logout", Map.of());
		HttpResponse<String> afterSignOut = app.token(Map.of("grant_type", "refresh_token", "refresh_token",
				SmartTestClient.json(refreshed).get("refresh_token").asString(), "client_id", clientId));
		assertGrantError(afterSignOut, "invalid_grant");
	}

	@Test
	void revocationEndsTheGrantAndAnUnknownTokenIsAnsweredAlike() throws Exception {
		WebSession web = WebSession.signIn(port, "physician");
		String verifier = SmartTestClient.verifier();
		Map<String, String> answer = authorize(web,
				app.request(clientId, REDIRECT, "launch/patient patient/*.rs offline_access", "v", verifier), mine,
				true);
		JsonNode token = SmartTestClient.json(exchange(answer.get("code"), verifier, REDIRECT));
		String refresh = token.get("refresh_token").asString();

		assertThat(app.post("/api/token/revoke", Map.of("token", "no-such-token", "client_id", clientId), null)
			.statusCode()).isEqualTo(200);
		assertThat(app.post("/api/token/revoke", Map.of("token", refresh, "client_id", clientId), null).statusCode())
			.isEqualTo(200);
		HttpResponse<String> refused = app
			.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id", clientId));
		assertThat(SmartTestClient.json(refused).get("error").asString()).isEqualTo("invalid_grant");
		assertThat(app.fhir("/Patient/" + mine.asString(), token.get("access_token").asString()).statusCode())
			.isEqualTo(401);
	}

	@Test
	void theAuthorizationRequestsFaultsGoBackToTheAppWithItsState() throws Exception {
		WebSession web = WebSession.signIn(port, "physician");
		String verifier = SmartTestClient.verifier();
		Map<String, String> plain = app.request(clientId, REDIRECT, "patient/*.rs launch/patient", "s1", verifier);
		plain.put("code_challenge_method", "plain");
		plain.put("code_challenge", verifier);
		assertRedirectedError(web, plain, "invalid_request", "s1");

		Map<String, String> noChallenge = app.request(clientId, REDIRECT, "patient/*.rs launch/patient", "s2",
				verifier);
		noChallenge.remove("code_challenge");
		noChallenge.remove("code_challenge_method");
		assertRedirectedError(web, noChallenge, "invalid_request", "s2");

		Map<String, String> implicit = app.request(clientId, REDIRECT, "patient/*.rs", "s3", verifier);
		implicit.put("response_type", "token");
		assertRedirectedError(web, implicit, "unsupported_response_type", "s3");

		Map<String, String> elsewhere = app.request(clientId, REDIRECT, "patient/*.rs", "s4", verifier);
		elsewhere.put("aud", "https://other.example/fhir");
		assertRedirectedError(web, elsewhere, "invalid_request", "s4");

		Map<String, String> noState = app.request(clientId, REDIRECT, "patient/*.rs", "x", verifier);
		noState.remove("state");
		HttpResponse<String> stateless = web.get(SmartTestClient.authorizePath(noState));
		assertThat(SmartTestClient.queryOf(WebSession.location(stateless))).containsEntry("error", "invalid_request")
			.doesNotContainKey("state");

		assertRedirectedError(web, app.request(clientId, REDIRECT, "openid fhirUser", "s5", verifier), "invalid_scope",
				"s5");
		assertRedirectedError(web, app.request(clientId, REDIRECT, "patient/*.rs", "s6", verifier), "invalid_scope",
				"s6");

		HttpResponse<String> unknownClient = web
			.get(SmartTestClient.authorizePath(app.request("no-such-app", REDIRECT, "patient/*.rs", "s7", verifier)));
		assertThat(unknownClient.statusCode()).isEqualTo(400);
		assertThat(unknownClient.body()).contains("not registered");
		HttpResponse<String> strangeRedirect = web.get(SmartTestClient
			.authorizePath(app.request(clientId, "http://127.0.0.1:9/callback/other", "patient/*.rs", "s8", verifier)));
		assertThat(strangeRedirect.statusCode()).isEqualTo(400);
		assertThat(WebSession.location(strangeRedirect)).isEmpty();
	}

	@Test
	void anAnonymousRequestIsCheckedThenSentToSignIn() throws Exception {
		WebSession anonymous = WebSession.anonymous(port);
		String verifier = SmartTestClient.verifier();
		HttpResponse<String> first = anonymous.get(SmartTestClient
			.authorizePath(app.request(clientId, REDIRECT, "launch/patient patient/*.rs", "a", verifier)));
		assertThat(first.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(first)).endsWith("/login");
		Map<String, String> plain = app.request(clientId, REDIRECT, "patient/*.rs", "b", verifier);
		plain.put("code_challenge_method", "plain");
		HttpResponse<String> refused = anonymous.get(SmartTestClient.authorizePath(plain));
		assertThat(WebSession.location(refused)).startsWith(REDIRECT + "?error=invalid_request");
	}

	@Test
	void aDeniedConsentAnswersAccessDenied() throws Exception {
		WebSession web = WebSession.signIn(port, "physician");
		Map<String, String> answer = authorize(web,
				app.request(clientId, REDIRECT, "launch/patient patient/*.rs", "d", SmartTestClient.verifier()), mine,
				false);
		assertThat(answer).containsEntry("error", "access_denied")
			.containsEntry("state", "d")
			.doesNotContainKey("code");
	}

	@Test
	void theCodeIsGoodOnceForItsClientRedirectAndVerifier() throws Exception {
		WebSession web = WebSession.signIn(port, "physician");
		String verifier = SmartTestClient.verifier();
		String scope = "launch/patient patient/*.rs";

		String code = authorize(web, app.request(clientId, REDIRECT, scope, "c1", verifier), mine, true).get("code");
		assertGrantError(exchange(code, SmartTestClient.verifier(), REDIRECT), "invalid_grant");
		assertGrantError(exchange(code, verifier, REDIRECT), "invalid_grant");

		code = authorize(web, app.request(clientId, REDIRECT, scope, "c2", verifier), mine, true).get("code");
		assertGrantError(exchange(code, verifier, "http://127.0.0.1:9/elsewhere"), "invalid_grant");

		code = authorize(web, app.request(clientId, REDIRECT, scope, "c3", verifier), mine, true).get("code");
		HttpResponse<String> good = exchange(code, verifier, REDIRECT);
		assertThat(good.statusCode()).isEqualTo(200);
		String access = SmartTestClient.json(good).get("access_token").asString();
		assertGrantError(exchange(code, verifier, REDIRECT), "invalid_grant");
		assertThat(app.fhir("/Patient/" + mine.asString(), access).statusCode()).as("revoked with the reused code")
			.isEqualTo(401);

		assertGrantError(exchange("no-such-code", verifier, REDIRECT), "invalid_grant");
		HttpResponse<String> missing = app.token(Map.of("grant_type", "authorization_code", "code", "x", "client_id",
				clientId, "redirect_uri", REDIRECT));
		assertGrantError(missing, "invalid_request");
		HttpResponse<String> unknownClient = app.token(Map.of("grant_type", "authorization_code", "code", "x",
				"client_id", "no-such-app", "redirect_uri", REDIRECT, "code_verifier", verifier));
		assertThat(unknownClient.statusCode()).isEqualTo(401);
		assertGrantError(unknownClient, "invalid_client");
	}

	@Test
	void aConfidentialAppAuthenticatesWithItsSecret() throws Exception {
		String confidential = clientId + "-c";
		String secret = apps
			.register(new SmartAppService.Registration(confidential, "Confidential", REDIRECT, null,
					"launch/patient patient/*.rs", true, false))
			.secret();
		assertThat(secret).isNotBlank();
		assertThat(jdbc.sql("select secret_hash from smart_app where client_id = :c")
			.param("c", confidential)
			.query(String.class)
			.single()).doesNotContain(secret).hasSize(64);
		WebSession web = WebSession.signIn(port, "physician");
		String verifier = SmartTestClient.verifier();

		String code = authorize(web, app.request(confidential, REDIRECT, "launch/patient patient/*.rs", "k", verifier),
				mine, true)
			.get("code");
		HttpResponse<String> withoutSecret = exchangeAs(confidential, code, verifier, null);
		assertThat(withoutSecret.statusCode()).isEqualTo(401);
		assertGrantError(withoutSecret, "invalid_client");

		code = authorize(web, app.request(confidential, REDIRECT, "launch/patient patient/*.rs", "k2", verifier), mine,
				true)
			.get("code");
		HttpResponse<String> withSecret = exchangeAs(confidential, code, verifier, confidential + ":" + secret);
		assertThat(withSecret.statusCode()).as(withSecret.body()).isEqualTo(200);
	}

	@Test
	void appsAreRegisteredByAdministratorsOnly() throws Exception {
		WebSession admin = WebSession.signIn(port, "admin");
		assertThat(admin.get("/admin/apps").statusCode()).isEqualTo(200);
		String id = clientId + "-web";
		HttpResponse<String> registered = admin.post("/admin/apps",
				Map.of("clientId", id, "name", "Web registered", "redirectUris", "https://app.example/cb", "launchUrl",
						"https://app.example/launch", "scopes", "launch patient/Observation.read", "confidential",
						"true"));
		assertThat(registered.statusCode()).isEqualTo(200);
		assertThat(registered.body()).contains("client-secret", "patient/Observation.rs");
		HttpResponse<String> refused = admin.post("/admin/apps", Map.of("clientId", id + "x", "name", "Bad",
				"redirectUris", "http://app.example/cb", "scopes", "patient/*.rs"));
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(jdbc
			.sql("select count(*) from audit_log where resource_type = 'SmartApp' and resource_id = :id "
					+ "and action = 'CREATE' and username = 'admin'")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1);

		WebSession physician = WebSession.signIn(port, "physician");
		assertThat(physician.get("/admin/apps").statusCode()).isEqualTo(403);
	}

	/**
	 * Follows an authorization request through the picker (when asked) and the consent
	 * page; the app's redirect's parameters.
	 */
	private Map<String, String> authorize(WebSession web, Map<String, String> request, @Nullable PatientId pick,
			boolean approve) throws Exception {
		HttpResponse<String> response = web.get(SmartTestClient.authorizePath(request));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		String location = relative(WebSession.location(response));
		String tx = SmartTestClient.queryOf(location).get("tx");
		assertThat(tx).as(location).isNotNull();
		if (location.startsWith("/oauth/authorize/patient")) {
			assertThat(pick).isNotNull();
			HttpResponse<String> picker = web.get(location + "&q=" + patients.read(pick).mrn());
			assertThat(picker.body()).contains("choose-" + pick.asString());
			response = web.post("/oauth/authorize/patient", Map.of("tx", tx, "patient", pick.asString()));
			location = relative(WebSession.location(response));
		}
		assertThat(location).startsWith("/oauth/authorize/consent");
		HttpResponse<String> consent = web.get(location);
		assertThat(consent.statusCode()).isEqualTo(200);
		response = web.post("/oauth/authorize/consent", Map.of("tx", tx, "decision", approve ? "approve" : "deny"));
		assertThat(WebSession.location(response)).startsWith(request.get("redirect_uri") + "?");
		return SmartTestClient.queryOf(WebSession.location(response));
	}

	private void assertRedirectedError(WebSession web, Map<String, String> request, String error, String state)
			throws Exception {
		HttpResponse<String> response = web.get(SmartTestClient.authorizePath(request));
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(response)).startsWith(REDIRECT + "?");
		assertThat(SmartTestClient.queryOf(WebSession.location(response))).containsEntry("error", error)
			.containsEntry("state", state)
			.containsKey("error_description");
	}

	private HttpResponse<String> exchange(String code, String verifier, String redirect) throws Exception {
		return app.token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirect,
				"code_verifier", verifier, "client_id", clientId));
	}

	private HttpResponse<String> exchangeAs(String client, String code, String verifier, @Nullable String basic)
			throws Exception {
		Map<String, String> form = new java.util.LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code",
				code, "redirect_uri", REDIRECT, "code_verifier", verifier));
		if (basic == null) {
			form.put("client_id", client);
		}
		return app.post("/api/token", form, basic);
	}

	private static void assertGrantError(HttpResponse<String> response, String error) {
		assertThat(SmartTestClient.json(response).get("error").asString()).as(response.body()).isEqualTo(error);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
	}

	private String relative(String location) {
		return location.startsWith(app.base()) ? location.substring(app.base().length()) : location;
	}

	private PatientId patient(String family) {
		PatientId id = patients
			.register(new PatientData(List.of(), family, List.of("Smart"), null, LocalDate.of(1971, 2, 3),
					Gender.FEMALE, Address.NONE, null, null, null, false))
			.id();
		clinical.record(ClinicalKind.ALLERGIES, Allergy.of(id, ClinicalCode.text("Latex"), "environment", "high",
				"active", "confirmed", List.of(), null, LocalDate.of(2020, 1, 2)));
		return id;
	}

}
