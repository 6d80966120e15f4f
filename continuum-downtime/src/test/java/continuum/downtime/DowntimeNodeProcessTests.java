package continuum.downtime;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import continuum.downtime.sync.ClientKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real server (its jar, its embedded PostgreSQL) and a real node, each in its own
 * process: the node loads and follows the server; the server and its database are killed
 * with SIGKILL and the node keeps serving, signs staff in, shows its lag growing and that
 * it lost the server, survives its own SIGKILL; the server comes back and the node
 * catches up with every position once, and its audit entries land centrally once. The
 * steps run in order on one server and one node, as an outage does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DowntimeNodeProcessTests {

	static final String PASSWORD = ServerProcess.PASSWORD;

	@TempDir
	static Path temp;

	ServerProcess server;

	NodeProcess node;

	int serverPort;

	int serverHttpsPort;

	int nodePort;

	long loadedAtHead;

	@BeforeAll
	void startServerAndNode() throws Exception {
		serverPort = NodeProcess.freePort();
		serverHttpsPort = NodeProcess.freePort();
		server = ServerProcess.start(temp.resolve("server"), serverPort, serverHttpsPort);
		registerTheNodesKey();
		nodePort = NodeProcess.freePort();
		node = NodeProcess.start(temp.resolve("node"), nodeEnvironment(), nodePort);
		await().atMost(Duration.ofSeconds(120)).until(() -> status().path("loaded").asBoolean());
		java.util.regex.Matcher loaded = java.util.regex.Pattern.compile("following the feed from position (\\d+)")
			.matcher(node.log());
		assertThat(loaded.find()).isTrue();
		loadedAtHead = Long.parseLong(loaded.group(1));
		awaitCaughtUp();
	}

	@AfterAll
	void stopAll() throws Exception {
		if (node != null) {
			node.close();
		}
		if (server != null) {
			server.close();
		}
	}

	/** The system client the node signs in as, with its own key and no password. */
	static final String CLIENT_ID = "downtime-ward";

	/**
	 * Registers the node's public key (made in its data directory as {@code ./continuum
	 * downtime public-key} makes it) as an administrator does at {@code /admin/clients}.
	 */
	private void registerTheNodesKey() throws Exception {
		String publicKey = ClientKey.in(temp.resolve("node").resolve("data")).publicKeyPem();
		Http admin = new Http(server.baseUrl());
		assertThat(Http.signedIn(admin.signIn("admin", PASSWORD))).isTrue();
		admin.get("/admin/clients");
		HttpResponse<String> registered = admin.post("/admin/clients",
				Map.of("clientId", CLIENT_ID, "keys", publicKey, "scopes", ""));
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
	}

	/**
	 * The node follows the server over HTTPS, trusting the server's local CA (and
	 * checking that the certificate names localhost).
	 */
	Map<String, String> nodeEnvironment() throws Exception {
		Map<String, String> env = NodeProcess.environment(temp.resolve("node"), "https://localhost:" + serverHttpsPort,
				PASSWORD);
		env.put("CONTINUUM_DOWNTIME_SERVERCA", temp.resolve("server/tls/ca.crt").toString());
		env.remove("CONTINUUM_DOWNTIME_PASSWORD");
		env.put("CONTINUUM_DOWNTIME_USERNAME", CLIENT_ID);
		return env;
	}

	JsonNode status() throws Exception {
		return Http.json(node.baseUrl() + "/status");
	}

	long serverHead() throws Exception {
		String token = Http.token(server.baseUrl(), "interface", PASSWORD);
		HttpResponse<String> page = Http.bearer("GET", server.baseUrl() + "/api/changes?after=0&limit=1", token, null,
				null);
		return Http.JSON.readTree(page.body()).path("head").asLong();
	}

	void awaitCaughtUp() throws Exception {
		long head = serverHead();
		await().atMost(Duration.ofSeconds(60)).until(() -> status().path("feedPosition").asLong() >= head);
	}

	List<JsonNode> snapshot(String type) throws Exception {
		String token = Http.token(server.baseUrl(), "interface", PASSWORD);
		List<JsonNode> records = new ArrayList<>();
		String cursor = null;
		do {
			HttpResponse<String> page = Http.bearer("GET", server.baseUrl() + "/api/downtime/snapshot?type=" + type
					+ "&limit=1000" + (cursor == null ? "" : "&after=" + cursor), token, null, null);
			JsonNode body = Http.JSON.readTree(page.body());
			body.path("records").forEach(records::add);
			cursor = body.path("next").isNull() || body.path("next").isMissingNode() ? null
					: body.path("next").asString();
		}
		while (cursor != null);
		return records;
	}

	Http signedIn(String username, String password) throws Exception {
		Http session = new Http(node.baseUrl());
		assertThat(Http.signedIn(session.signIn(username, password))).as("%s signs in on the node", username).isTrue();
		return session;
	}

	@Test
	@Order(1)
	void loadsAndFollowsTheServerCensusAndSummariesAsTheServerHasThem() throws Exception {
		assertThat(status().path("problem").isNull()).isTrue();
		assertThat(status().path("serverReachable").asBoolean()).isTrue();
		// The node registered: the server's status page lists it as a component it
		// probes.
		String nodeId = status().path("nodeId").asString();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/api/status"))
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString())
				.body()
				.contains("Downtime node " + nodeId));
		Http nurse = signedIn("nurse", PASSWORD);
		// The census of the fullest ward lists exactly the patients the server has there.
		Map<String, Set<String>> byWard = new HashMap<>();
		for (JsonNode encounter : snapshot("Encounter")) {
			JsonNode data = encounter.path("data");
			if (data.path("status").asString().equals("in-progress") && data.path("end").isNull()
					&& !data.path("wardId").isNull()) {
				byWard.computeIfAbsent(data.path("wardId").asString(), w -> new TreeSet<>())
					.add(encounter.path("patientId").asString());
			}
		}
		String ward = byWard.entrySet()
			.stream()
			.max(Map.Entry.comparingByValue((a, b) -> a.size() - b.size()))
			.orElseThrow()
			.getKey();
		String census = nurse.get("/wards/" + ward).body();
		assertThat(census).contains("As of ").contains(" s behind").contains("Read-only");
		Set<String> listed = new TreeSet<>();
		java.util.regex.Matcher links = java.util.regex.Pattern.compile("href=\"/patients/([^\"]+)\"").matcher(census);
		while (links.find()) {
			listed.add(links.group(1));
		}
		assertThat(listed).isEqualTo(byWard.get(ward));
		// A high-criticality allergy is flagged, "no known allergies" and "not asked"
		// stay apart.
		List<JsonNode> allergies = snapshot("AllergyIntolerance");
		JsonNode high = allergies.stream()
			.filter(a -> a.path("data").path("criticality").asString("").equals("high"))
			.findFirst()
			.orElseThrow();
		String page = nurse.get("/patients/" + high.path("patientId").asString()).body();
		assertThat(page).contains(high.path("data").path("substance").asString()).contains("(HIGH RISK)");
		Set<String> withAllergyRecords = new TreeSet<>();
		allergies.forEach(a -> withAllergyRecords.add(a.path("patientId").asString()));
		JsonNode noneKnown = allergies.stream()
			.filter(a -> a.path("data").path("code").asString("").equals("716186003"))
			.findFirst()
			.orElseThrow();
		assertThat(nurse.get("/patients/" + noneKnown.path("patientId").asString()).body())
			.contains("No known allergies")
			.doesNotContain("Allergies not asked");
		JsonNode neverAsked = snapshot("Patient").stream()
			.filter(p -> !withAllergyRecords.contains(p.path("id").asString()))
			.findFirst()
			.orElseThrow();
		String neverAskedPage = nurse.get("/patients/" + neverAsked.path("id").asString()).body();
		assertThat(neverAskedPage).contains("Allergies not asked")
			.doesNotContain("No known allergies")
			.contains(neverAsked.path("data").path("mrn").asString());
	}

	@Test
	@Order(2)
	void printableReportsGiveEachWardsCensusAndEachPatientsSummaryAsOfATime() throws Exception {
		Path link = temp.resolve("node/data/reports");
		await().atMost(Duration.ofSeconds(60)).until(() -> Files.isSymbolicLink(link) && Files.isDirectory(link));
		// The set the link names now: whole until the swap after next (every 5 s here),
		// so
		// copied at once and read from the copy.
		Path reports = copy(link.resolveSibling(Files.readSymbolicLink(link)), temp.resolve("printed"));
		Map<String, String> mrns = new HashMap<>();
		snapshot("Patient").forEach(p -> mrns.put(p.path("id").asString(), p.path("data").path("mrn").asString()));
		Map<String, List<String>> wardPatients = new HashMap<>();
		Map<String, String> wardCodes = new HashMap<>();
		for (JsonNode encounter : snapshot("Encounter")) {
			JsonNode data = encounter.path("data");
			if (data.path("status").asString().equals("in-progress") && data.path("end").isNull()
					&& !data.path("wardId").isNull()) {
				wardPatients.computeIfAbsent(data.path("wardId").asString(), w -> new ArrayList<>())
					.add(encounter.path("patientId").asString());
				wardCodes.put(data.path("wardId").asString(), data.path("wardCode").asString());
			}
		}
		String ward = wardPatients.keySet().iterator().next();
		String census = pdfText(
				reports.resolve("census-" + wardCodes.get(ward).replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf"));
		assertThat(census).contains("As of").contains("Allergies:");
		for (String patient : wardPatients.get(ward)) {
			assertThat(census).contains(mrns.get(patient));
			try (var summaries = Files.list(reports.resolve("patients"))) {
				Path summary = summaries.filter(f -> f.getFileName().toString().endsWith("-" + patient + ".pdf"))
					.findFirst()
					.orElseThrow();
				String text = pdfText(summary);
				assertThat(text).contains("MRN " + mrns.get(patient))
					.contains("As of")
					.contains("page 1")
					.contains("Allergies")
					.contains("Current medications")
					.contains("Active problems")
					.contains("Latest laboratory results")
					.contains("Imaging reports");
			}
		}
		// Released results and signed reports are on the printed summaries of the
		// inpatients who have them.
		Map<String, Path> summaries = new HashMap<>();
		try (var files = Files.list(reports.resolve("patients"))) {
			files.forEach(f -> {
				String name = f.getFileName().toString();
				summaries.put(name.substring(name.lastIndexOf('-') + 1, name.length() - ".pdf".length()), f);
			});
		}
		JsonNode result = snapshot("Observation").stream()
			.filter(o -> summaries.containsKey(o.path("patientId").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no inpatient of the demo has a released result"));
		assertThat(pdfText(summaries.get(result.path("patientId").asString())))
			.contains(result.path("data").path("name").asString());
		JsonNode report = snapshot("DiagnosticReport").stream()
			.filter(r -> summaries.containsKey(r.path("patientId").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no inpatient of the demo has a signed imaging report"));
		String reportText = pdfText(summaries.get(report.path("patientId").asString())).replaceAll("\\s+", " ");
		assertThat(reportText).contains("accession " + report.path("data").path("accession").asString())
			.contains("Impression: " + report.path("data").path("impression").asString().replaceAll("\\s+", " "));
	}

	private static Path copy(Path set, Path target) throws Exception {
		try (var files = Files.walk(set)) {
			for (Path file : files.toList()) {
				Files.copy(file, target.resolve(set.relativize(file).toString()));
			}
		}
		return target;
	}

	static String pdfText(Path file) throws Exception {
		try (var pdf = org.apache.pdfbox.Loader.loadPDF(file.toFile())) {
			return new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
		}
	}

	@Test
	@Order(3)
	void rolesLimitWhatEachUserSees() throws Exception {
		String patient = snapshot("AllergyIntolerance").get(0).path("patientId").asString();
		assertThat(signedIn("physician", PASSWORD).get("/patients/" + patient).body()).contains("<h2>Allergies</h2>")
			.contains("<h2>Current medications</h2>")
			.contains("<h2>Active problems</h2>");
		String labtech = signedIn("labtech", PASSWORD).get("/patients/" + patient).body();
		assertThat(labtech).contains("MRN")
			.doesNotContain("<h2>Allergies</h2>")
			.doesNotContain("<h2>Current medications</h2>")
			.doesNotContain("<h2>Active problems</h2>");
		// Released laboratory results: each test's newest, to the roles that read
		// results on the server, not to a radiographer.
		JsonNode result = snapshot("Observation").get(0);
		String withResults = result.path("patientId").asString();
		assertThat(signedIn("physician", PASSWORD).get("/patients/" + withResults).body())
			.contains("<h2>Latest laboratory results</h2>")
			.contains(result.path("data").path("name").asString());
		assertThat(signedIn("radiographer", PASSWORD).get("/patients/" + withResults).body()).contains("MRN")
			.doesNotContain("Latest laboratory results");
		// Signed radiology reports with their text, to the same roles.
		JsonNode report = snapshot("DiagnosticReport").get(0);
		String withReport = report.path("patientId").asString();
		assertThat(signedIn("nurse", PASSWORD).get("/patients/" + withReport).body())
			.contains("<h2>Imaging reports</h2>")
			.contains(report.path("data").path("impression").asString())
			.contains(report.path("data").path("findings").asString());
		assertThat(signedIn("radiographer", PASSWORD).get("/patients/" + withReport).body()).contains("MRN")
			.doesNotContain("Imaging reports");
		assertThat(signedIn("physician", PASSWORD).get("/wards").body()).as("shown as a demo account")
			.contains("id=\"demo-account\"");
		Http auditor = signedIn("auditor", PASSWORD);
		assertThat(auditor.get("/").body()).contains("No patient data for your role");
		assertThat(auditor.get("/patients/" + patient).statusCode()).isEqualTo(403);
		assertThat(auditor.get("/wards/ward-1").statusCode()).isIn(403, 404);
		assertThat(Http.signedIn(new Http(node.baseUrl()).signIn("nurse", "not-the-password"))).isFalse();
		HttpResponse<String> unknown = signedIn("nurse", PASSWORD).get("/patients/999999999");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("Not found").contains("As of").doesNotContain("Exception");
		assertThat(Http.json(node.baseUrl() + "/status").toString()).doesNotContain("MRN");
	}

	@Test
	@Order(4)
	void aNewPatientOnTheServerIsFoundOnTheNodeWithoutItsAccents() throws Exception {
		String token = Http.token(server.baseUrl(), "physician", PASSWORD);
		HttpResponse<String> created = Http.bearer("POST", server.baseUrl() + "/fhir/Patient", token,
				"application/fhir+json",
				"{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test:downtime\",\"value\":\"n-1\"}],"
						+ "\"name\":[{\"family\":\"Lefèvre-Brûlé\",\"given\":[\"Anaïs\"]}],\"gender\":\"female\","
						+ "\"birthDate\":\"1961-03-01\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		Http nurse = signedIn("nurse", PASSWORD);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> nurse.get("/patients?q=lefevre+anais").body().contains("LEFÈVRE-BRÛLÉ, Anaïs"));
		assertThat(nurse.get("/patients?q=brule").body()).contains("LEFÈVRE-BRÛLÉ, Anaïs");
	}

	@Test
	@Order(4)
	void aRestrictedRecordOpensOnTheNodeOnlyOnceTheGlassIsBrokenAndTheBreakIsShippedToTheServer() throws Exception {
		// The demo hospital's restricted records (privacy.PrivacyDemoData) reach the node
		// with their restriction.
		JsonNode restricted = snapshot("Patient").stream()
			.filter(r -> "STAFF_MEMBER".equals(r.path("data").path("restricted").asString()))
			.findFirst()
			.orElseThrow();
		String id = restricted.path("id").asString();
		String mrn = restricted.path("data").path("mrn").asString();
		String family = restricted.path("data").path("familyName").asString();
		Http nurse = signedIn("nurse", PASSWORD);
		// The search lists it apart, by name and birth date only, as the server's search
		// does for someone outside the patient's care: no MRN, no sex, no location.
		String found = nurse.get("/patients?q=" + family).body();
		assertThat(found).contains("id=\"restricted-results\"").doesNotContain(mrn);
		String listed = found.substring(found.indexOf("id=\"restricted-results\""));
		assertThat(listed).contains(family.toUpperCase(java.util.Locale.ROOT))
			.contains(java.time.LocalDate.parse(restricted.path("data").path("birthDate").asString())
				.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")))
			.contains("href=\"/patients/" + id + "\"")
			.doesNotContain(restricted.path("data").path("gender").asString());
		assertThat(nurse.get("/patients/" + id).body()).contains("id=\"restricted-notice\"").doesNotContain(mrn);
		assertThat(nurse.post("/patients/" + id + "/break-the-glass", Map.of("reason", "EMERGENCY_CARE")).body())
			.contains("Choose a reason and say in a few words");
		HttpResponse<String> broken = nurse.post("/patients/" + id + "/break-the-glass",
				Map.of("reason", "EMERGENCY_CARE", "explanation", "Collapsed in the waiting room"));
		assertThat(broken.statusCode()).isEqualTo(302);
		assertThat(nurse.get("/patients/" + id).body()).contains("id=\"emergency-access-banner\"").contains(mrn);
		assertThat(nurse.get("/patients?q=" + family).body()).as("open to the nurse now: listed in full")
			.contains(mrn)
			.doesNotContain("id=\"restricted-results\"");
		assertThat(signedIn("physician", PASSWORD).get("/patients/" + id).body()).contains("id=\"restricted-notice\"")
			.doesNotContain(mrn);
		await().atMost(Duration.ofSeconds(30)).until(() -> status().path("auditEntriesNotShipped").asLong() == 0);
		try (Connection db = server.database()) {
			ResultSet rs = db.createStatement()
				.executeQuery("select count(*) filter (where resource_type = 'BreakTheGlass'),"
						+ " count(*) filter (where resource_type = 'Patient' and outcome = 'SUCCESS'),"
						+ " count(*) filter (where outcome = 'DENIED') from audit_log where username = 'nurse'"
						+ " and patient_id = '" + id + "' and (outcome = 'DENIED'"
						+ " or detail like 'emergency access, break-the-glass on the downtime node%')");
			rs.next();
			assertThat(rs.getLong(1)).as("the break-the-glass").isEqualTo(1);
			assertThat(rs.getLong(2)).as("the read under it").isEqualTo(1);
			assertThat(rs.getLong(3)).as("the refused read").isEqualTo(1);
			// The break joins the privacy officer's review queue, once, with the nurse's
			// words (kept out of the log) and the node named.
			ResultSet queued = db.createStatement()
				.executeQuery("select id, node_id, reason, explanation, role from privacy_break_glass"
						+ " where username = 'nurse' and patient_id = " + id);
			assertThat(queued.next()).isTrue();
			long glass = queued.getLong("id");
			assertThat(queued.getString("node_id")).isEqualTo(status().path("nodeId").asString());
			assertThat(queued.getString("reason")).isEqualTo("EMERGENCY_CARE");
			assertThat(queued.getString("explanation")).isEqualTo("Collapsed in the waiting room");
			assertThat(queued.getString("role")).isEqualTo("NURSE");
			assertThat(queued.next()).as("queued once").isFalse();
			Http privacy = new Http(server.baseUrl());
			assertThat(Http.signedIn(privacy.signIn("privacy", PASSWORD))).isTrue();
			assertThat(privacy.get("/privacy/reviews").body()).contains("/privacy/reviews/" + glass + "\"")
				.contains("downtime node " + status().path("nodeId").asString());
			assertThat(privacy.get("/privacy/reviews/" + glass).body()).contains("Collapsed in the waiting room");
			assertThat(privacy
				.post("/privacy/reviews/" + glass, Map.of("finding", "justified", "comment", "Seen in the ED log"))
				.statusCode()).isEqualTo(302);
		}
		// The glass broken on the node opens nothing on the server.
		Http nurseOnServer = new Http(server.baseUrl());
		assertThat(Http.signedIn(nurseOnServer.signIn("nurse", PASSWORD))).isTrue();
		assertThat(nurseOnServer.get("/patients/" + id).headers().firstValue("Location").orElse(""))
			.endsWith("/patients/" + id + "/break-the-glass");
	}

	/**
	 * A record restricted on the server shows in the node's census as a restricted
	 * record, without name, MRN, birth date or allergies, until the reader breaks the
	 * glass.
	 */
	@Test
	@Order(4)
	void aRecordRestrictedOnTheServerShowsInTheNodesCensusWithoutItsDetails() throws Exception {
		Set<String> usedElsewhere = Set
			.copyOf(List.of(snapshot("AllergyIntolerance").get(0).path("patientId").asString(),
					snapshot("Observation").get(0).path("patientId").asString(),
					snapshot("DiagnosticReport").get(0).path("patientId").asString()));
		JsonNode stay = snapshot("Encounter").stream()
			.filter(e -> e.path("data").path("status").asString().equals("in-progress")
					&& e.path("data").path("end").isNull() && !e.path("data").path("wardId").isNull()
					&& !usedElsewhere.contains(e.path("patientId").asString()))
			.findFirst()
			.orElseThrow();
		String id = stay.path("patientId").asString();
		String ward = stay.path("data").path("wardId").asString();
		JsonNode patient = snapshot("Patient").stream()
			.filter(p -> p.path("id").asString().equals(id))
			.findFirst()
			.orElseThrow();
		String mrn = patient.path("data").path("mrn").asString();
		Http physician = new Http(server.baseUrl());
		assertThat(Http.signedIn(physician.signIn("physician", PASSWORD))).isTrue();
		physician.get("/patients/" + id + "/restriction");
		assertThat(physician.post("/patients/" + id + "/restriction", Map.of("kind", "VIP")).statusCode())
			.isEqualTo(302);
		Http nurse = signedIn("nurse", PASSWORD);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> nurse.get("/wards/" + ward).body().contains("restricted record"));
		String census = nurse.get("/wards/" + ward).body();
		assertThat(census).doesNotContain(mrn)
			.doesNotContain(patient.path("data").path("familyName").asString().toUpperCase(java.util.Locale.ROOT) + ", "
					+ patient.path("data").path("givenNames").asString())
			.contains("href=\"/patients/" + id + "\"");
	}

	@Test
	@Order(5)
	void aPasswordChangeAndADisabledAccountOnTheServerTakeEffectOnTheNode() throws Exception {
		Http radiographerOnNode = signedIn("radiographer", PASSWORD);
		assertThat(radiographerOnNode.get("/wards").statusCode()).isEqualTo(200);
		Http radiologist = new Http(server.baseUrl());
		assertThat(Http.signedIn(radiologist.signIn("radiologist", PASSWORD))).isTrue();
		radiologist.get("/account/password");
		assertThat(
				radiologist
					.post("/account/password",
							Map.of("current", PASSWORD, "password", "nieuw-wachtwoord-7", "confirm",
									"nieuw-wachtwoord-7"))
					.statusCode())
			.isEqualTo(302);
		long radiographerId;
		try (Connection db = server.database();
				ResultSet rs = db.createStatement()
					.executeQuery("select id from app_user where username = 'radiographer'")) {
			rs.next();
			radiographerId = rs.getLong(1);
		}
		Http admin = new Http(server.baseUrl());
		assertThat(Http.signedIn(admin.signIn("admin", PASSWORD))).isTrue();
		admin.get("/admin/staff/" + radiographerId);
		assertThat(admin.post("/admin/staff/" + radiographerId + "/enabled", Map.of("enabled", "false")).statusCode())
			.isEqualTo(302);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Http.signedIn(new Http(node.baseUrl()).signIn("radiologist", "nieuw-wachtwoord-7")));
		assertThat(Http.signedIn(new Http(node.baseUrl()).signIn("radiologist", PASSWORD))).isFalse();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !Http.signedIn(new Http(node.baseUrl()).signIn("radiographer", PASSWORD)));
		HttpResponse<String> ended = radiographerOnNode.get("/wards");
		assertThat(ended.statusCode()).isEqualTo(302);
		assertThat(ended.headers().firstValue("Location").orElse("")).contains("/login");
	}

	/**
	 * The node keeps the server's signed checkpoint of its audit chain head and gives it
	 * back without a sign-in; the server verifies its chain against it.
	 */
	@Test
	@Order(5)
	void theNodeKeepsTheServersSignedAuditCheckpoint() throws Exception {
		await().atMost(Duration.ofSeconds(90)).until(() -> checkpointOnNode().statusCode() == 200);
		JsonNode kept = Http.JSON.readTree(checkpointOnNode().body());
		assertThat(kept.path("position").asLong()).isPositive();
		assertThat(kept.path("signature").asString()).matches("[0-9a-f]{64}");
		HttpResponse<String> verified = Http.bearer("POST", server.baseUrl() + "/api/audit/verify",
				Http.token(server.baseUrl(), "auditor", PASSWORD), "application/json",
				"{\"checkpoints\": [" + kept + "]}");
		assertThat(verified.statusCode()).isEqualTo(200);
		JsonNode result = Http.JSON.readTree(verified.body());
		assertThat(result.path("intact").asBoolean()).as(verified.body()).isTrue();
		assertThat(result.path("checkpointPosition").asLong()).isEqualTo(kept.path("position").asLong());
	}

	private HttpResponse<String> checkpointOnNode() throws Exception {
		return java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.baseUrl() + "/audit/checkpoint"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	@Order(6)
	void whenTheServerAndItsDatabaseAreKilledTheNodeKeepsServingAndSaysItLostTheServer() throws Exception {
		String patient = snapshot("AllergyIntolerance").get(0).path("patientId").asString();
		server.killHard();
		await().atMost(Duration.ofSeconds(30)).until(() -> !status().path("serverReachable").asBoolean());
		JsonNode lost = status();
		assertThat(lost.path("lostServerSince").isNull()).isFalse();
		assertThat(lost.path("problem").asString()).isEqualTo("SERVER_UNREACHABLE");
		long lag = lost.path("lagSeconds").asLong();
		await().atMost(Duration.ofSeconds(30)).until(() -> status().path("lagSeconds").asLong() >= lag + 2);
		Http nurse = signedIn("nurse", PASSWORD);
		String wards = nurse.get("/wards").body();
		assertThat(wards).contains("Lost the server since");
		java.util.regex.Matcher first = java.util.regex.Pattern.compile("href=\"/wards/([^\"]+)\"").matcher(wards);
		assertThat(first.find()).isTrue();
		String ward = first.group(1);
		assertThat(nurse.get("/wards/" + ward).body()).contains("href=\"/patients/").contains("Lost the server since");
		String summary = nurse.get("/patients/" + patient).body();
		assertThat(summary).contains("MRN").contains("<h2>Allergies</h2>").contains("Lost the server since");
		new ViewerBrowser(node.baseUrl()).censusToSummary("nurse", PASSWORD, ward);
		// The printable set written before the outage stays; none replaces it while the
		// server is lost.
		Path reports = temp.resolve("node/data/reports");
		Path set = Files.readSymbolicLink(reports);
		await().during(Duration.ofSeconds(6))
			.atMost(Duration.ofSeconds(10))
			.until(() -> Files.readSymbolicLink(reports).equals(set));
		try (var files = Files.list(reports)) {
			assertThat(files.filter(f -> f.getFileName().toString().startsWith("census-"))).isNotEmpty();
		}
	}

	@Test
	@Order(7)
	void aNodeRestartedDuringTheOutageServesFromItsStore() throws Exception {
		long position = status().path("feedPosition").asLong();
		node.killHard();
		node = NodeProcess.start(temp.resolve("node"), nodeEnvironment(), nodePort);
		JsonNode restarted = status();
		assertThat(restarted.path("feedPosition").asLong()).isEqualTo(position);
		assertThat(restarted.path("loaded").asBoolean()).isTrue();
		await().atMost(Duration.ofSeconds(30)).until(() -> !status().path("lostServerSince").isNull());
		Http nurse = signedIn("nurse", PASSWORD);
		String wards = nurse.get("/wards").body();
		assertThat(wards).contains("Lost the server since").contains("href=\"/wards/");
		assertThat(nurse.get("/patients?q=lefevre").body()).contains("LEFÈVRE-BRÛLÉ, Anaïs");
	}

	@Test
	@Order(8)
	void whenTheServerComesBackTheNodeCatchesUpAndItsAuditLandsCentrallyOnce() throws Exception {
		server = ServerProcess.start(temp.resolve("server"), serverPort, serverHttpsPort);
		String token = Http.token(server.baseUrl(), "physician", PASSWORD);
		for (int i = 0; i < 3; i++) {
			assertThat(Http.bearer("POST", server.baseUrl() + "/fhir/Patient", token, "application/fhir+json",
					"{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test:downtime\",\"value\":\"after-"
							+ i
							+ "\"}],\"name\":[{\"family\":\"Nachtegaele\",\"given\":[\"Zoë\"]}],\"gender\":\"female\"}")
				.statusCode()).isEqualTo(201);
		}
		awaitCaughtUp();
		await().atMost(Duration.ofSeconds(30)).until(() -> status().path("serverReachable").asBoolean());
		assertThat(status().path("lostServerSince").isNull()).isTrue();
		assertThat(signedIn("nurse", PASSWORD).get("/patients?q=nachtegaele+zoe").body()).contains("NACHTEGAELE, Zoë");
		await().atMost(Duration.ofSeconds(30)).until(() -> status().path("auditEntriesNotShipped").asLong() == 0);
		String nodeId = status().path("nodeId").asString();
		try (Connection db = server.database()) {
			ResultSet rs = db.createStatement()
				.executeQuery("select count(*), count(distinct e.seq), max(e.seq), count(distinct l.id)"
						+ " from audit_node_entry e join audit_log l on l.id = e.audit_id where e.node_id = '" + nodeId
						+ "'");
			rs.next();
			assertThat(rs.getLong(1)).as("every entry once, none missing")
				.isPositive()
				.isEqualTo(rs.getLong(2))
				.isEqualTo(rs.getLong(3))
				.isEqualTo(rs.getLong(4));
		}
	}

	@Test
	@Order(9)
	void aNodeKilledInTheMiddleOfACatchUpResumesWhereItsLastCommitLeftOff() throws Exception {
		node.killHard();
		String token = Http.token(server.baseUrl(), "physician", PASSWORD);
		for (int i = 0; i < 40; i++) {
			assertThat(Http.bearer("POST", server.baseUrl() + "/fhir/Patient", token, "application/fhir+json",
					"{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test:downtime\",\"value\":\"catch-up-"
							+ i
							+ "\"}],\"name\":[{\"family\":\"Verhaeghe\",\"given\":[\"Élise\"]}],\"gender\":\"female\"}")
				.statusCode()).isEqualTo(201);
		}
		long head = serverHead();
		Map<String, String> slow = nodeEnvironment();
		slow.put("CONTINUUM_DOWNTIME_SYNC_BATCH", "3");
		node = NodeProcess.start(temp.resolve("node"), slow, nodePort);
		long before = status().path("feedPosition").asLong();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> status().path("feedPosition").asLong() > before);
		node.killHard();
		node = NodeProcess.start(temp.resolve("node"), nodeEnvironment(), nodePort);
		awaitCaughtUp();
		assertThat(status().path("feedPosition").asLong()).isGreaterThanOrEqualTo(head);
		String found = signedIn("nurse", PASSWORD).get("/patients?q=verhaeghe+elise").body();
		assertThat(found.split("VERHAEGHE, Élise", -1)).hasSize(41);
	}

	@Test
	@Order(10)
	void theStoreHoldsEveryPositionOnceWithoutAGap() throws Exception {
		long head = serverHead();
		node.close();
		Path home = temp.resolve("node");
		String key = Files.readString(home.resolve("keys/store.key")).trim();
		try (Connection store = DriverManager.getConnection(
				"jdbc:h2:file:" + home.resolve("data/store") + ";CIPHER=AES;IFEXISTS=TRUE", "node", key + " node");
				ResultSet rs = store.createStatement()
					.executeQuery("select count(*), min(seq), max(seq), count(distinct seq) from applied_change")) {
			rs.next();
			assertThat(rs.getLong(2)).isEqualTo(loadedAtHead + 1);
			assertThat(rs.getLong(3)).isEqualTo(head);
			assertThat(rs.getLong(1)).isEqualTo(head - loadedAtHead).isEqualTo(rs.getLong(4));
		}
		finally {
			// Without CONTINUUM_DOWNTIME_LISTEN_ADDRESS: the store holds demo accounts,
			// so
			// the node listens on loopback only, and they sign in.
			Map<String, String> byDefault = nodeEnvironment();
			byDefault.remove("CONTINUUM_DOWNTIME_LISTEN_ADDRESS");
			node = NodeProcess.start(home, byDefault, nodePort);
		}
		assertThat(node.log()).contains("The viewer listens on 127.0.0.1 only");
		assertThat(signedIn("nurse", PASSWORD).get("/wards").statusCode()).isEqualTo(200);
	}

	@Test
	@Order(11)
	void aWrongServerAddressOrWrongCredentialsGiveAClearStatusAndLoadNothing() throws Exception {
		Map<String, String> wrongPassword = NodeProcess.environment(temp.resolve("wrong-password"), server.baseUrl(),
				"not-the-password");
		Map<String, String> nobodyThere = NodeProcess.environment(temp.resolve("nobody"),
				"http://127.0.0.1:" + NodeProcess.freePort(), PASSWORD);
		com.sun.net.httpserver.HttpServer other = com.sun.net.httpserver.HttpServer
			.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
		other.createContext("/", exchange -> {
			byte[] page = "<html>Some other web server</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		other.start();
		Map<String, String> notContinuum = NodeProcess.environment(temp.resolve("not-continuum"),
				"http://127.0.0.1:" + other.getAddress().getPort(), PASSWORD);
		try (NodeProcess a = NodeProcess.start(temp.resolve("wrong-password"), wrongPassword);
				NodeProcess b = NodeProcess.start(temp.resolve("nobody"), nobodyThere);
				NodeProcess c = NodeProcess.start(temp.resolve("not-continuum"), notContinuum)) {
			assertProblem(a, "CREDENTIALS_REFUSED");
			assertProblem(b, "SERVER_UNREACHABLE");
			assertProblem(c, "NOT_A_CONTINUUM_SERVER");
		}
		finally {
			other.stop(0);
		}
	}

	private static void assertProblem(NodeProcess node, String problem) throws Exception {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> problem.equals(Http.json(node.baseUrl() + "/status").path("problem").asString("")));
		JsonNode status = Http.json(node.baseUrl() + "/status");
		assertThat(status.path("loaded").asBoolean()).isFalse();
		assertThat(status.path("serverReachable").asBoolean()).isFalse();
		assertThat(status.path("feedPosition").asLong()).isZero();
		assertThat(status.path("problemMessage").asString()).doesNotContain("Exception:")
			.doesNotContain("at continuum");
	}

	/**
	 * On a node that listens beyond loopback, the demo accounts' shared password opens
	 * nothing: the sign-in is refused with the reason and audited; an account of its own
	 * signs in. (The node binds the wildcard address for this step alone: that is the
	 * case under test, and it accepts no demo account there.)
	 */
	@Test
	@Order(13)
	void aNodeThatListensBeyondLoopbackRefusesTheDemoAccountsAndAuditsTheRefusal() throws Exception {
		Http admin = new Http(server.baseUrl());
		assertThat(Http.signedIn(admin.signIn("admin", PASSWORD))).isTrue();
		admin.get("/admin/staff/new");
		assertThat(
				admin
					.post("/admin/staff/new",
							Map.of("username", "wardnurse", "givenName", "Griet", "familyName", "Wuyts", "role",
									"NURSE", "password", "Eigen-Wachtwoord-5821", "confirm", "Eigen-Wachtwoord-5821"))
					.statusCode())
			.isEqualTo(302);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Http.signedIn(new Http(node.baseUrl()).signIn("wardnurse", "Eigen-Wachtwoord-5821")));
		node.close();
		Map<String, String> network = nodeEnvironment();
		network.put("CONTINUUM_DOWNTIME_LISTEN_ADDRESS", "0.0.0.0");
		node = NodeProcess.start(temp.resolve("node"), network, nodePort);
		assertThat(node.log()).contains("demo accounts are refused here");
		HttpResponse<String> refused = new Http(node.baseUrl()).signIn("nurse", PASSWORD);
		assertThat(Http.signedIn(refused)).isFalse();
		assertThat(refused.headers().firstValue("Location").orElse("")).endsWith("/login?demo");
		assertThat(new Http(node.baseUrl()).get("/login?demo").body()).contains("id=\"demo-refused\"");
		Http own = signedIn("wardnurse", "Eigen-Wachtwoord-5821");
		assertThat(own.get("/wards").body()).contains("href=\"/wards/").doesNotContain("id=\"demo-account\"");
		await().atMost(Duration.ofSeconds(30)).until(() -> status().path("auditEntriesNotShipped").asLong() == 0);
		try (Connection db = server.database();
				ResultSet rs = db.createStatement()
					.executeQuery("select count(*) from audit_log where username = 'nurse' and action = 'LOGIN'"
							+ " and outcome = 'DENIED' and detail like 'demo account refused%'")) {
			rs.next();
			assertThat(rs.getLong(1)).isEqualTo(1);
		}
	}

	/**
	 * The server's newest audit links removed by its database owner: the chain no longer
	 * extends the checkpoint the node keeps, and the node says so on its status page, in
	 * its log and in its audit log (shipped to the server), and keeps its checkpoint.
	 */
	@Test
	@Order(14)
	void aServerChainThatNoLongerExtendsTheKeptCheckpointRaisesTheNodesAlarm() throws Exception {
		await().atMost(Duration.ofSeconds(60)).until(() -> checkpointOnNode().statusCode() == 200);
		assertThat(status().path("auditCheckpointAlarm").isNull()).isTrue();
		long kept = Http.JSON.readTree(checkpointOnNode().body()).path("position").asLong();
		try (Connection db = server.database(); java.sql.Statement sql = db.createStatement()) {
			sql.execute("alter table audit_chain disable trigger user");
			sql.executeUpdate("delete from audit_chain where seq > " + (kept - 3));
			sql.execute("alter table audit_chain enable trigger user");
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> !status().path("auditCheckpointAlarm").isNull());
		assertThat(status().path("auditCheckpointAlarm").asString()).contains("position");
		assertThat(node.log()).contains("Audit checkpoint alarm");
		assertThat(Http.JSON.readTree(checkpointOnNode().body()).path("position").asLong())
			.as("the kept checkpoint stays")
			.isGreaterThanOrEqualTo(kept);
		await().atMost(Duration.ofSeconds(30)).until(() -> status().path("auditEntriesNotShipped").asLong() == 0);
		try (Connection db = server.database();
				ResultSet rs = db.createStatement()
					.executeQuery("select count(*) from audit_log where username = 'downtime-node'"
							+ " and resource_type = 'AuditCheckpoint' and outcome <> 'SUCCESS'")) {
			rs.next();
			assertThat(rs.getLong(1)).as("once for each distinct finding").isBetween(1L, 2L);
		}
	}

	@Test
	@Order(12)
	void aDamagedStoreStopsTheStartWithTheFileNamedAndKept() throws Exception {
		Path home = temp.resolve("damaged");
		Map<String, String> env = NodeProcess.environment(home, server.baseUrl(), PASSWORD);
		Files.createDirectories(home.resolve("data"));
		Files.createDirectories(home.resolve("keys"));
		Files.writeString(home.resolve("keys/store.key"), "cd".repeat(32) + "\n");
		byte[] garbage = new byte[64 * 1024];
		new java.util.Random(7).nextBytes(garbage);
		Files.write(home.resolve("data/store.mv.db"), garbage);
		Map.Entry<Integer, String> run = NodeProcess.runToExit(home, env);
		assertThat(run.getKey()).isNotZero();
		assertThat(run.getValue()).contains(home.resolve("data/store.mv.db").toAbsolutePath().normalize().toString())
			.contains("move it aside");
		assertThat(Files.readAllBytes(home.resolve("data/store.mv.db"))).isEqualTo(garbage);
	}

}
