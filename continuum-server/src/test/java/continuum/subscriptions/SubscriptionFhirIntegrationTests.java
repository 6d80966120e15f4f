package continuum.subscriptions;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import continuum.patients.Allergy;
import continuum.patients.ClinicalCode;
import continuum.patients.ClinicalKind;
import continuum.patients.ClinicalRecordService;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.patients.Address;
import continuum.privacy.RestrictionKind;
import continuum.privacy.RestrictionService;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * FHIR R4 Subscriptions through HTTP against the running server, with rest-hook endpoints
 * of the test's own (the JDK's HTTP server on loopback): a matching change arrives with
 * the payload and headers asked for, a change that does not match does not, a failing
 * endpoint is retried and served in order once it is back, one that keeps failing sets
 * the subscription to error with the reason, what the owner may not read is withheld, and
 * subscriptions the server cannot serve are refused.
 */
@ContinuumIntegrationTest
class SubscriptionFhirIntegrationTests {

	static final FhirContext CONTEXT = FhirContext.forR4Cached();

	static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";

	static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	ClinicalRecordService clinical;

	@Autowired
	RestrictionService restrictions;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	final List<Receiver> receivers = new ArrayList<>();

	final List<String> subscriptions = new ArrayList<>();

	String physician;

	PatientId patient;

	@BeforeEach
	void newPatient() throws Exception {
		physician = token("physician", null);
		patient = register("Abonnee");
	}

	/**
	 * Subscriptions left active would read the changes of other tests' resources as they
	 * match them.
	 */
	@AfterEach
	void cleanUp() {
		subscriptions.forEach(
				id -> jdbc.sql("delete from subscription where id = :id").param("id", Long.parseLong(id)).update());
		receivers.forEach(Receiver::close);
	}

	@Test
	void aMatchingChangeArrivesAsAnUpdateWithTheResourceAndTheChannelsHeaders() throws Exception {
		Receiver receiver = receiver();
		String id = subscribe(physician, "AllergyIntolerance?patient=Patient/" + patient + "&clinical-status=active",
				receiver.url("/hook"), "application/fhir+json", "Authorization: Bearer abc-123", "X-Trace: sub-1");

		String allergy = allergy(patient, "active");

		await().atMost(WAIT).until(() -> receiver.calls.size() == 1);
		Receiver.Call call = receiver.calls.get(0);
		assertThat(call.method()).isEqualTo("PUT");
		assertThat(call.path()).isEqualTo("/hook/AllergyIntolerance/" + allergy);
		assertThat(call.header("Content-Type")).startsWith("application/fhir+json");
		assertThat(call.header("Authorization")).isEqualTo("Bearer abc-123");
		assertThat(call.header("X-Trace")).isEqualTo("sub-1");
		AllergyIntolerance sent = CONTEXT.newJsonParser().parseResource(AllergyIntolerance.class, call.body());
		assertThat(sent.getIdElement().getIdPart()).isEqualTo(allergy);
		assertThat(sent.getPatient().getReference()).isEqualTo("Patient/" + patient);

		await().atMost(WAIT).untilAsserted(() -> {
			Map<String, String> status = status(physician, id);
			assertThat(status).containsEntry("status", "active")
				.containsEntry("delivered", "1")
				.containsEntry("failures", "0")
				.containsEntry("pending", "0")
				.containsKey("lastSuccess")
				.containsKey("lastAttempt");
		});
		assertThat(jdbc.sql("""
				select action from audit_log where username = 'physician' and resource_type = 'AllergyIntolerance'
				  and resource_id = :id and detail like 'notification of Subscription/%'""")
			.param("id", allergy)
			.query(String.class)
			.list()).as("the delivery is audited as a disclosure by the owner").containsExactly("EXPORT");
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'physician' and action = 'READ'
				  and resource_type = 'AllergyIntolerance' and resource_id = :id and patient_id = :patient""")
			.param("id", allergy)
			.param("patient", patient.asString())
			.query(Long.class)
			.single()).as("the resource is read as the owner").isPositive();
	}

	@Test
	void withoutPayloadTheNotificationIsAnEmptyPostAndAChangeThatDoesNotMatchIsNotSent() throws Exception {
		Receiver receiver = receiver();
		String id = subscribe(physician, "AllergyIntolerance?patient=Patient/" + patient + "&clinical-status=active",
				receiver.url("/hook"), null);

		allergy(patient, "resolved");
		allergy(register("Ander"), "active");
		allergy(patient, "active");

		await().atMost(WAIT).until(() -> receiver.calls.size() == 1);
		Receiver.Call call = receiver.calls.get(0);
		assertThat(call.method()).isEqualTo("POST");
		assertThat(call.path()).isEqualTo("/hook");
		assertThat(call.body()).isEmpty();
		await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> receiver.calls.size() == 1);
		assertThat(status(physician, id)).containsEntry("delivered", "1").containsEntry("withheld", "0");
	}

	@Test
	void anEndpointThatIsDownIsRetriedAndGetsEveryNotificationInOrderOnceBack() throws Exception {
		int port;
		try (Receiver closed = Receiver.start()) {
			port = closed.port();
		}
		String id = subscribe(physician, "AllergyIntolerance?patient=Patient/" + patient,
				"http://127.0.0.1:" + port + "/hook", "application/fhir+json");
		String first = allergy(patient, "active");
		String second = allergy(patient, "inactive");

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(status(physician, id)).containsEntry("status", "active")
				.containsKey("lastError")
				.doesNotContainEntry("failures", "0"));
		assertThat(status(physician, id).get("lastError")).contains("could not connect to 127.0.0.1:" + port);

		Receiver receiver = Receiver.start(port);
		receivers.add(receiver);
		await().atMost(WAIT).until(() -> receiver.calls.size() == 2);
		assertThat(receiver.calls).extracting(Receiver.Call::path)
			.containsExactly("/hook/AllergyIntolerance/" + first, "/hook/AllergyIntolerance/" + second);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(status(physician, id)).containsEntry("status", "active")
				.containsEntry("failures", "0")
				.containsEntry("delivered", "2")
				.containsKey("lastSuccess"));
	}

	@Test
	void aSubscriptionWhoseEndpointKeepsFailingIsSetToErrorWithTheReason() throws Exception {
		int port;
		try (Receiver closed = Receiver.start()) {
			port = closed.port();
		}
		String id = subscribe(physician, "AllergyIntolerance?patient=Patient/" + patient,
				"http://127.0.0.1:" + port + "/hook", null);
		allergy(patient, "active");

		await().atMost(WAIT).untilAsserted(() -> {
			Subscription read = read(physician, id);
			assertThat(read.getStatus()).isEqualTo(Subscription.SubscriptionStatus.ERROR);
			assertThat(read.getError()).isEqualTo("could not connect to 127.0.0.1:" + port);
		});
		Map<String, String> status = status(physician, id);
		assertThat(status).containsEntry("status", "error")
			.containsEntry("failures", "6")
			.containsEntry("pending", "1");
		assertThat(status).doesNotContainKey("lastSuccess");
	}

	@Test
	void whatTheOwnerMayNotReadIsWithheld() throws Exception {
		PatientId restricted = register("Beschermd");
		restrictions.restrict(restricted, RestrictionKind.VIP);
		Receiver receiver = receiver();
		String id = subscribe(physician, "AllergyIntolerance?patient=Patient/" + restricted + ",Patient/" + patient,
				receiver.url("/hook"), "application/fhir+json");

		// Recorded by the server itself: the physician has no care relationship with
		// the restricted patient and could not write there either.
		long hidden = clinical
			.record(ClinicalKind.ALLERGIES,
					Allergy.of(restricted, new ClinicalCode("http://snomed.info/sct", "764146007", "Penicillin"),
							"medication", "high", "active", "confirmed", List.of(), null, null))
			.id();
		String open = allergy(patient, "active");

		await().atMost(WAIT).until(() -> receiver.calls.size() == 1);
		assertThat(receiver.calls.get(0).path()).isEqualTo("/hook/AllergyIntolerance/" + open);
		assertThat(receiver.calls).noneMatch(c -> c.body().contains("Patient/" + restricted));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(status(physician, id)).containsEntry("withheld", "1")
				.containsEntry("delivered", "1"));
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'physician' and outcome = 'DENIED'
				  and resource_type = 'AllergyIntolerance' and patient_id = :patient""")
			.param("patient", restricted.asString())
			.query(Long.class)
			.single()).as("the withheld read is audited as refused (allergy %s)", hidden).isPositive();
	}

	@Test
	void aTypeOutsideTheTokensScopesCannotBeSubscribedTo() throws Exception {
		String narrow = token("physician", "user/Subscription.cruds user/Patient.rs");
		HttpResponse<String> refused = post(narrow,
				subscription("AllergyIntolerance?patient=Patient/" + patient, "https://example.org/hook", null));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(outcome(refused)).contains("AllergyIntolerance");

		HttpResponse<String> allowed = post(narrow,
				subscription("Patient?_id=" + patient, "https://example.org/hook", null));
		assertThat(allowed.statusCode()).isEqualTo(201);
		subscriptions
			.add(CONTEXT.newJsonParser().parseResource(Subscription.class, allowed.body()).getIdElement().getIdPart());
	}

	@Test
	void subscriptionsTheServerCannotServeAreRefusedNamingWhy() throws Exception {
		String allergies = "AllergyIntolerance?patient=Patient/" + patient;
		Subscription websocket = subscription(allergies, "https://example.org/hook", null);
		websocket.getChannel().setType(Subscription.SubscriptionChannelType.WEBSOCKET);
		assertRefused(websocket, 422, "websocket");
		assertRefused(subscription("AllergyIntolerance?colour=red", "https://example.org/hook", null), 422, "colour");
		assertRefused(subscription("AllergyIntolerance?code:text=peni", "https://example.org/hook", null), 422,
				"code:text");
		assertRefused(subscription("Basic?code=x", "https://example.org/hook", null), 422, "Basic");
		assertRefused(subscription("AllergyIntolerance?patient=Practitioner/4", "https://example.org/hook", null), 422,
				"patient");
		assertRefused(subscription(allergies, "http://example.org/hook", null), 422, "example.org");
		assertRefused(subscription(allergies, "ftp://example.org/hook", null), 422, "https://");
		assertRefused(subscription(allergies, "https://user:secret@example.org/hook", null), 422, "user information");
		assertRefused(subscription(allergies, "https://example.org/hook", "text/plain"), 422, "text/plain");
		Subscription errorStatus = subscription(allergies, "https://example.org/hook", null);
		errorStatus.setStatus(Subscription.SubscriptionStatus.ERROR);
		assertRefused(errorStatus, 422, "error");
		Subscription badHeader = subscription(allergies, "https://example.org/hook", null);
		badHeader.getChannel().addHeader("Host: elsewhere.example");
		assertRefused(badHeader, 422, "Host");
		Subscription noReason = subscription(allergies, "https://example.org/hook", null);
		noReason.setReason(null);
		assertRefused(noReason, 422, "reason");
	}

	@Test
	void aSubscriptionIsItsOwnersAloneAndFollowsItsStatusAndEnd() throws Exception {
		Receiver receiver = receiver();
		String id = subscribe(physician, "AllergyIntolerance?patient=Patient/" + patient, receiver.url("/hook"), null);
		Subscription read = read(physician, id);
		assertThat(read.getStatus()).isEqualTo(Subscription.SubscriptionStatus.ACTIVE);
		assertThat(read.getChannel().getEndpoint()).isEqualTo(receiver.url("/hook"));
		FhirTestSupport.assertValid(read);
		FhirTestSupport.assertValid(CONTEXT.newJsonParser()
			.parseResource(Parameters.class, send("GET", "Subscription/" + id + "/$status", physician, null).body()));

		String nurse = token("nurse", null);
		assertThat(send("GET", "Subscription/" + id, nurse, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "Subscription/" + id + "/$status", nurse, null).statusCode()).isEqualTo(404);
		assertThat(send("DELETE", "Subscription/" + id, nurse, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "Subscription?status=active", physician, null).body()).contains("Subscription/" + id);

		// A JSON Patch changes it at its current version; one that does not apply changes
		// nothing.
		HttpResponse<String> stale = patch(id, physician, "[{\"op\":\"test\",\"path\":\"/status\",\"value\":\"off\"},"
				+ "{\"op\":\"replace\",\"path\":\"/reason\",\"value\":\"never\"}]");
		assertThat(stale.statusCode()).as(stale.body()).isEqualTo(422);
		HttpResponse<String> patched = patch(id, physician,
				"[{\"op\":\"replace\",\"path\":\"/reason\",\"value\":\"Allergies for the ward round\"}]");
		assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
		read = read(physician, id);
		assertThat(read.getReason()).isEqualTo("Allergies for the ward round");
		assertThat(read.getMeta().getVersionId()).isEqualTo("2");
		assertThat(read.getStatus()).isEqualTo(Subscription.SubscriptionStatus.ACTIVE);
		assertThat(patch(id, token("nurse", null), "[]").statusCode()).as("another's subscription").isEqualTo(404);

		read.setStatus(Subscription.SubscriptionStatus.OFF);
		HttpResponse<String> off = send("PUT", "Subscription/" + id, physician,
				CONTEXT.newJsonParser().encodeResourceToString(read));
		assertThat(off.statusCode()).isEqualTo(200);
		allergy(patient, "active");
		await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> receiver.calls.isEmpty());

		Subscription ended = subscription("AllergyIntolerance?patient=Patient/" + patient, receiver.url("/hook"), null);
		ended.setEndElement(new InstantType(java.util.Date.from(Instant.now().minusSeconds(60))));
		HttpResponse<String> created = post(physician, ended);
		assertThat(created.statusCode()).isEqualTo(201);
		Subscription stored = CONTEXT.newJsonParser().parseResource(Subscription.class, created.body());
		subscriptions.add(stored.getIdElement().getIdPart());
		assertThat(stored.getStatus()).as("past its end").isEqualTo(Subscription.SubscriptionStatus.OFF);

		Subscription soon = subscription("AllergyIntolerance?patient=Patient/" + patient, receiver.url("/hook"), null);
		soon.setEndElement(new InstantType(java.util.Date.from(Instant.now().plusSeconds(1))));
		String soonId = idOf(post(physician, soon));
		await().atMost(WAIT).until(() -> read(physician, soonId).getStatus() == Subscription.SubscriptionStatus.OFF);

		assertThat(send("DELETE", "Subscription/" + id, physician, null).statusCode()).isEqualTo(204);
		assertThat(send("GET", "Subscription/" + id, physician, null).statusCode()).isEqualTo(404);
	}

	private void assertRefused(Subscription subscription, int status, String named) throws Exception {
		HttpResponse<String> response = post(physician, subscription);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(outcome(response)).contains(named);
	}

	private Receiver receiver() throws Exception {
		Receiver receiver = Receiver.start();
		receivers.add(receiver);
		return receiver;
	}

	private PatientId register(String family) {
		return patients
			.register(new PatientData(List.of(), family + Long.toString(System.nanoTime(), 36), List.of("Sub"), null,
					java.time.LocalDate.of(1980, 3, 4), Gender.FEMALE, Address.NONE, null, null, "nl", false))
			.id();
	}

	private String allergy(PatientId who, String clinicalStatus) throws Exception {
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setPatient(new Reference("Patient/" + who));
		allergy.setCode(
				new CodeableConcept(new Coding("http://snomed.info/sct", "764146007", null)).setText("Penicillin"));
		allergy.setClinicalStatus(new CodeableConcept(new Coding(CLINICAL, clinicalStatus, null)));
		HttpResponse<String> created = send("POST", "AllergyIntolerance", physician,
				CONTEXT.newJsonParser().encodeResourceToString(allergy));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return CONTEXT.newJsonParser()
			.parseResource(AllergyIntolerance.class, created.body())
			.getIdElement()
			.getIdPart();
	}

	private Subscription subscription(String criteria, String endpoint, String payload, String... headers) {
		Subscription subscription = new Subscription();
		subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
		subscription.setReason("Test notifications");
		subscription.setCriteria(criteria);
		subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint);
		if (payload != null) {
			subscription.getChannel().setPayload(payload);
		}
		for (String header : headers) {
			subscription.getChannel().addHeader(header);
		}
		return subscription;
	}

	private String subscribe(String token, String criteria, String endpoint, String payload, String... headers)
			throws Exception {
		HttpResponse<String> response = post(token, subscription(criteria, endpoint, payload, headers));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		Subscription created = CONTEXT.newJsonParser().parseResource(Subscription.class, response.body());
		assertThat(created.getStatus()).isEqualTo(Subscription.SubscriptionStatus.ACTIVE);
		subscriptions.add(created.getIdElement().getIdPart());
		return created.getIdElement().getIdPart();
	}

	private String idOf(HttpResponse<String> created) {
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = CONTEXT.newJsonParser()
			.parseResource(Subscription.class, created.body())
			.getIdElement()
			.getIdPart();
		subscriptions.add(id);
		return id;
	}

	private Subscription read(String token, String id) throws Exception {
		HttpResponse<String> response = send("GET", "Subscription/" + id, token, null);
		assertThat(response.statusCode()).isEqualTo(200);
		return CONTEXT.newJsonParser().parseResource(Subscription.class, response.body());
	}

	/** {@code $status} as name → value (primitive values as their string). */
	private Map<String, String> status(String token, String id) throws Exception {
		HttpResponse<String> response = send("GET", "Subscription/" + id + "/$status", token, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Parameters parameters = CONTEXT.newJsonParser().parseResource(Parameters.class, response.body());
		Map<String, String> values = new java.util.HashMap<>();
		parameters.getParameter()
			.forEach(p -> values.put(p.getName(), p.getValue().isPrimitive() ? p.getValue().primitiveValue() : "ref"));
		return values;
	}

	private HttpResponse<String> post(String token, Subscription subscription) throws Exception {
		return send("POST", "Subscription", token, CONTEXT.newJsonParser().encodeResourceToString(subscription));
	}

	private String outcome(HttpResponse<String> response) {
		OperationOutcome outcome = CONTEXT.newJsonParser().parseResource(OperationOutcome.class, response.body());
		return outcome.getIssueFirstRep().getDiagnostics();
	}

	private HttpResponse<String> patch(String id, String token, String patch) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/Subscription/" + id))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/fhir+json")
			.header("Content-Type", "application/json-patch+json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(patch))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/" + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/fhir+json");
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/fhir+json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String token(String username, String scope) throws Exception {
		String form = "username=" + username + "&password=" + ContinuumIntegrationTest.DEMO_PASSWORD
				+ (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return new ObjectMapper().readTree(response.body()).get("access_token").asString();
	}

}
