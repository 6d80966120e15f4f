package continuum.bulkdata;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import continuum.ContinuumIntegrationTest;
import continuum.audit.AuditService;
import continuum.fhir.PatientCompartmentExport;
import continuum.patients.PatientExportService;
import continuum.platform.JobLeases;
import continuum.privacy.RestrictionService;
import continuum.security.CurrentUser;
import continuum.fhir.FhirTestSupport;
import continuum.security.SystemClientService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * FHIR Bulk Data export through HTTP, as a backend client does it: kick-off, polling,
 * manifest, downloads with the same token, cancellation, and the errors of each step;
 * every exported patient audited once per export.
 */
@ContinuumIntegrationTest
class BulkExportIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SystemClientService clients;

	@Autowired
	ExportWorker worker;

	@Autowired
	ExportJobRepository jobs;

	@Autowired
	ExportFiles files;

	@Autowired
	List<PatientCompartmentExport> sources;

	@Autowired
	PatientExportService patientExports;

	@Autowired
	RestrictionService restrictions;

	@Autowired
	AuditService audit;

	@Autowired
	CurrentUser currentUser;

	@Autowired
	FhirContext fhir;

	@Autowired
	BulkDataSettings settings;

	@Autowired
	Clock clock;

	@Autowired
	JobLeases leases;

	@Autowired
	PlatformTransactionManager transactions;

	final HttpClient http = HttpClient.newHttpClient();

	final ObjectMapper json = new ObjectMapper();

	private BackendClient client(String scopes) throws Exception {
		return BackendClient.register(clients, port, BackendClient.newId(), scopes);
	}

	HttpResponse<String> send(String method, String pathOrUrl, String token, Map<String, String> headers)
			throws Exception {
		String url = pathOrUrl.startsWith("http") ? pathOrUrl : "http://127.0.0.1:" + port + pathOrUrl;
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		headers.forEach(request::header);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> kickOff(String path, String token) throws Exception {
		return send("GET", path, token, Map.of("Prefer", "respond-async", "Accept", "application/fhir+json"));
	}

	/**
	 * Polls the status URL until the export is no longer running; answers the last
	 * answer.
	 */
	HttpResponse<String> awaitDone(String statusUrl, String token) {
		HttpResponse<String>[] last = new HttpResponse[1];
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			last[0] = send("GET", statusUrl, token, Map.of());
			if (last[0].statusCode() == 202) {
				assertThat(last[0].headers().firstValue("X-Progress")).get().asString().contains("patients done");
				assertThat(last[0].headers().firstValue("Retry-After")).hasValue("2");
			}
			return last[0].statusCode() != 202;
		});
		return last[0];
	}

	/** Each line of each of the manifest's files of this type, as JSON. */
	List<JsonNode> lines(JsonNode manifest, String list, String type, String token) throws Exception {
		List<JsonNode> result = new ArrayList<>();
		for (JsonNode file : manifest.get(list)) {
			if (file.get("type").asString().equals(type)) {
				HttpResponse<String> download = send("GET", file.get("url").asString(), token, Map.of());
				assertThat(download.statusCode()).isEqualTo(200);
				assertThat(download.headers().firstValue("Content-Type")).hasValue("application/fhir+ndjson");
				List<String> text = download.body().lines().toList();
				assertThat(text).hasSize(file.get("count").asInt());
				for (String line : text) {
					result.add(json.readTree(line));
				}
			}
		}
		return result;
	}

	long exportAudits(String jobId, String patientId, String outcome) {
		return jdbc.sql("""
				select count(*) from audit_log where action = 'EXPORT' and patient_id = :patient and outcome = :outcome
				  and detail like :detail""")
			.param("patient", patientId)
			.param("outcome", outcome)
			.param("detail", "%bulk export " + jobId + "%")
			.query(Long.class)
			.single();
	}

	static String jobId(String statusUrl) {
		return statusUrl.substring(statusUrl.lastIndexOf('/') + 1);
	}

	@Test
	void exportsEveryPatientAsynchronouslyAndAuditsEachOnce() throws Exception {
		BackendClient client = client("system/Patient.rs system/AllergyIntolerance.rs system/Condition.rs");
		String token = client.token(null);
		HttpResponse<String> accepted = kickOff("/fhir/Patient/$export?_type=Patient,AllergyIntolerance", token);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		String statusUrl = accepted.headers().firstValue("Content-Location").orElseThrow();
		assertThat(statusUrl).startsWith("http://127.0.0.1:" + port + "/fhir/$export-job/");

		HttpResponse<String> done = awaitDone(statusUrl, token);
		assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
		assertThat(done.headers().firstValue("Expires")).isPresent();
		JsonNode manifest = json.readTree(done.body());
		assertThat(manifest.get("requiresAccessToken").asBoolean()).isTrue();
		assertThat(manifest.get("request").asString())
			.endsWith("/fhir/Patient/$export?_type=Patient,AllergyIntolerance");
		assertThat(Instant.parse(manifest.get("transactionTime").asString())).isBefore(Instant.now().plusSeconds(1));
		Set<String> types = new HashSet<>();
		manifest.get("output").forEach(f -> types.add(f.get("type").asString()));
		assertThat(types).containsExactlyInAnyOrder("Patient", "AllergyIntolerance");

		List<JsonNode> patients = lines(manifest, "output", "Patient", token);
		long expected = jdbc.sql("select count(*) from patient where merged_into is null").query(Long.class).single();
		List<JsonNode> excluded = lines(manifest, "error", "OperationOutcome", token);
		assertThat(patients.size() + excluded.size()).as("every patient, exported or listed as left out")
			.isEqualTo(expected);
		Set<String> ids = new HashSet<>();
		patients.forEach(p -> assertThat(ids.add(p.get("id").asString())).as("each patient once").isTrue());
		for (JsonNode allergy : lines(manifest, "output", "AllergyIntolerance", token)) {
			assertThat(allergy.get("resourceType").asString()).isEqualTo("AllergyIntolerance");
			String patient = allergy.get("patient").get("reference").asString().substring("Patient/".length());
			assertThat(ids).contains(patient);
		}
		String job = jobId(statusUrl);
		for (String patient : List.copyOf(ids).subList(0, 20)) {
			assertThat(exportAudits(job, patient, "SUCCESS")).as("patient %s audited once", patient).isEqualTo(1);
		}
		assertThat(jdbc.sql("""
				select count(*) from audit_log where action = 'EXPORT' and outcome = 'SUCCESS' and username = :client
				  and detail like :detail""")
			.param("client", client.id())
			.param("detail", "%bulk export " + job + "%")
			.query(Long.class)
			.single()).as("one row per exported patient, by the client").isEqualTo(ids.size());

		// The files are the client's alone; a request without a token is refused.
		String file = manifest.get("output").get(0).get("url").asString();
		BackendClient other = client("system/Patient.rs");
		assertThat(send("GET", file, other.token(null), Map.of()).statusCode()).isEqualTo(404);
		assertThat(send("GET", statusUrl, other.token(null), Map.of()).statusCode()).isEqualTo(404);
		assertThat(send("GET", file, null, Map.of()).statusCode()).isEqualTo(401);
	}

	@Test
	void givesEveryTypeItServesValidAndOfItsFilesType() throws Exception {
		String token = client("").token(null);
		HttpResponse<String> accepted = kickOff("/fhir/$export", token);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		JsonNode manifest = json
			.readTree(awaitDone(accepted.headers().firstValue("Content-Location").orElseThrow(), token).body());
		Set<String> types = new HashSet<>();
		manifest.get("output").forEach(f -> types.add(f.get("type").asString()));
		assertThat(types).contains("Patient", "AllergyIntolerance", "MedicationStatement", "Condition", "Encounter",
				"Appointment", "ServiceRequest", "Specimen", "Observation", "DiagnosticReport");
		IParser parser = FhirTestSupport.context().newJsonParser();
		for (String type : types) {
			List<JsonNode> resources = lines(manifest, "output", type, token);
			assertThat(resources).allSatisfy(r -> assertThat(r.get("resourceType").asString()).isEqualTo(type));
			for (JsonNode resource : resources.subList(0, Math.min(3, resources.size()))) {
				FhirTestSupport.assertValid(parser.parseResource(resource.toString()));
			}
		}
	}

	/**
	 * The application's worker stopped, one worker does two pages and writes part of a
	 * third that never commits (a node stopped mid-page); a new worker over the same
	 * tables and files finishes the export: every patient once, each audited once.
	 */
	@Test
	void aNewWorkerResumesWhereTheStoppedOneLeftOff() throws Exception {
		worker.stop();
		try {
			String token = client("system/Patient.rs system/Condition.rs").token(null);
			HttpResponse<String> accepted = kickOff("/fhir/Patient/$export?_type=Patient,Condition", token);
			String statusUrl = accepted.headers().firstValue("Content-Location").orElseThrow();
			String id = jobId(statusUrl);
			ExportWorker first = worker(40);
			assertThat(first.step(id)).isTrue();
			assertThat(first.step(id)).isTrue();
			HttpResponse<String> running = send("GET", statusUrl, token, Map.of());
			assertThat(running.statusCode()).isEqualTo(202);
			assertThat(running.headers().firstValue("X-Progress")).hasValue("80 patients done");
			try (ExportFiles.PageWriter lost = files.page(id, jobs.files(id))) {
				lost.write("Patient",
						"{\"resourceType\":\"Patient\",\"id\":\"lost\"}".getBytes(StandardCharsets.UTF_8));
				lost.write("Condition", "{\"resourceType\":\"Cond".getBytes(StandardCharsets.UTF_8));
				lost.flush();
			}

			ExportWorker second = worker(40);
			while (second.step(id)) {
				// page after page, as the lease holder's rounds do
			}
			HttpResponse<String> done = send("GET", statusUrl, token, Map.of());
			assertThat(done.statusCode()).isEqualTo(200);
			JsonNode manifest = json.readTree(done.body());
			List<String> ids = lines(manifest, "output", "Patient", token).stream()
				.map(p -> p.get("id").asString())
				.toList();
			assertThat(ids).doesNotHaveDuplicates().doesNotContain("lost");
			assertThat((long) ids.size() + lines(manifest, "error", "OperationOutcome", token).size()).isEqualTo(
					jdbc.sql("select count(*) from patient where merged_into is null").query(Long.class).single());
			assertThat(lines(manifest, "output", "Condition", token)).isNotEmpty();
			assertThat(jdbc.sql("""
					select count(*) from audit_log where action = 'EXPORT' and outcome = 'SUCCESS'
					  and detail like :detail""")
				.param("detail", "%bulk export " + id + "%")
				.query(Long.class)
				.single()).isEqualTo(ids.size());
			assertThat(jdbc.sql("""
					select count(*) from (select patient_id from audit_log where action = 'EXPORT'
					  and detail like :detail group by patient_id having count(*) > 1) twice""")
				.param("detail", "%bulk export " + id + "%")
				.query(Long.class)
				.single()).as("no patient audited twice").isZero();

			// Expired: the files and the export are gone.
			String file = manifest.get("output").get(0).get("url").asString();
			worker.removeExpired(clock.instant().plus(settings.retention()).plusSeconds(1));
			assertThat(send("GET", statusUrl, token, Map.of()).statusCode()).isEqualTo(404);
			assertThat(send("GET", file, token, Map.of()).statusCode()).isEqualTo(404);
			assertThat(jobs.find(id)).isEmpty();
		}
		finally {
			worker.start();
		}
	}

	private ExportWorker worker(int pageSize) {
		BulkDataSettings small = new BulkDataSettings(settings.dir(), settings.retention(), pageSize,
				settings.roundBudget(), settings.sweepInterval(), settings.retryAfter(),
				settings.maximumActivePerClient(), settings.restrictedRecordClients());
		return new ExportWorker(jobs, files, sources, patientExports, restrictions, audit, currentUser, fhir, small,
				clock, leases, transactions);
	}

	@Test
	void leavesRestrictedRecordsOutUnlessTheClientMayExportThem() throws Exception {
		List<String> restricted = jdbc.sql("select patient_id::text from privacy_restriction")
			.query(String.class)
			.list();
		assertThat(restricted).isNotEmpty();
		String token = client("system/Patient.rs").token(null);
		HttpResponse<String> accepted = kickOff("/fhir/$export?_type=Patient", token);
		String statusUrl = accepted.headers().firstValue("Content-Location").orElseThrow();
		JsonNode manifest = json.readTree(awaitDone(statusUrl, token).body());
		Set<String> exported = new HashSet<>();
		lines(manifest, "output", "Patient", token).forEach(p -> exported.add(p.get("id").asString()));
		assertThat(exported).doesNotContainAnyElementsOf(restricted);
		List<String> errors = lines(manifest, "error", "OperationOutcome", token).stream()
			.map(o -> o.get("issue").get(0).get("diagnostics").asString())
			.toList();
		for (String patient : restricted) {
			assertThat(errors).contains("Patient/" + patient + " is not exported: restricted record");
			assertThat(exportAudits(jobId(statusUrl), patient, "DENIED")).isEqualTo(1);
		}

		// The client the operator named may export them (application-test.properties).
		String permitted = BackendClient.register(clients, port, "bulk-restricted-client", "system/Patient.rs")
			.token(null);
		HttpResponse<String> again = kickOff("/fhir/$export?_type=Patient", permitted);
		String againUrl = again.headers().firstValue("Content-Location").orElseThrow();
		JsonNode full = json.readTree(awaitDone(againUrl, permitted).body());
		Set<String> all = new HashSet<>();
		lines(full, "output", "Patient", permitted).forEach(p -> all.add(p.get("id").asString()));
		assertThat(all).containsAll(restricted);
		assertThat(full.get("error")).isEmpty();
		for (String patient : restricted) {
			assertThat(exportAudits(jobId(againUrl), patient, "SUCCESS")).isEqualTo(1);
		}
	}

	@Test
	void refusesWhatItCannotDoAsAsked() throws Exception {
		String token = client("system/Patient.rs system/Observation.rs").token(null);
		assertThat(send("GET", "/fhir/Patient/$export", token, Map.of()).statusCode()).as("no Prefer").isEqualTo(400);
		assertBadRequest("/fhir/Patient/$export?_outputFormat=text/csv", token, "_outputFormat");
		assertBadRequest("/fhir/Patient/$export?_type=Binary", token, "_type Binary");
		assertBadRequest("/fhir/Patient/$export?_since=yesterday", token, "_since");
		assertBadRequest("/fhir/Patient/$export?_elements=id", token, "_elements");
		assertBadRequest("/fhir/Patient/$export?includeAssociatedData=LatestProvenanceResources", token,
				"includeAssociatedData");
		assertBadRequest(
				"/fhir/Patient/$export?_typeFilter="
						+ URLEncoder.encode("Observation?value-quantity=5", StandardCharsets.UTF_8),
				token, "value-quantity");
		assertBadRequest(
				"/fhir/Patient/$export?_type=Patient&_typeFilter="
						+ URLEncoder.encode("Observation?status=final", StandardCharsets.UTF_8),
				token, "_type leaves out");
		assertThat(send("GET", "/fhir/Patient/$export", token,
				Map.of("Prefer", "respond-async", "Accept", "application/fhir+xml"))
			.statusCode()).isEqualTo(400);
		// Outside its scopes, and a user's token, are refused and audited.
		HttpResponse<String> outside = kickOff("/fhir/Patient/$export?_type=Condition", token);
		assertThat(outside.statusCode()).isEqualTo(403);
		HttpResponse<String> user = kickOff("/fhir/Patient/$export", FhirTestSupport.token(port, "physician"));
		assertThat(user.statusCode()).isEqualTo(403);
		assertThat(user.body()).contains("only a system client");
		assertThat(jdbc.sql("""
				select count(*) from audit_log where action = 'EXPORT' and outcome = 'DENIED' and username = 'physician'
				""").query(Long.class).single()).isPositive();
		assertThat(kickOff("/fhir/Group/ward-NOWHERE/$export", token).statusCode()).isIn(403, 404);
		assertThat(send("GET", "/fhir/$export-job/0123456789abcdef0123456789abcdef", token, Map.of()).statusCode())
			.isEqualTo(404);
	}

	private void assertBadRequest(String path, String token, String named) throws Exception {
		HttpResponse<String> response = kickOff(path, token);
		assertThat(response.statusCode()).as(path).isEqualTo(400);
		assertThat(response.body()).as(path).contains("OperationOutcome").contains(named);
	}

	@Test
	void cancelsAnExportAndForgetsIt() throws Exception {
		String token = client("system/Patient.rs").token(null);
		HttpResponse<String> accepted = kickOff("/fhir/$export", token);
		String statusUrl = accepted.headers().firstValue("Content-Location").orElseThrow();
		HttpResponse<String> cancelled = send("DELETE", statusUrl, token, Map.of());
		assertThat(cancelled.statusCode()).isEqualTo(202);
		assertThat(send("GET", statusUrl, token, Map.of()).statusCode()).isEqualTo(404);
		assertThat(send("DELETE", statusUrl, token, Map.of()).statusCode()).isEqualTo(404);
		assertThat(jdbc.sql("select status from bulk_export_job where id = :id")
			.param("id", jobId(statusUrl))
			.query(String.class)
			.single()).isEqualTo("CANCELLED");
	}

	@Test
	void filtersByTypeSinceAndTypeFilter() throws Exception {
		String token = client("system/Patient.rs system/Condition.rs system/Encounter.rs").token(null);
		String filter = URLEncoder.encode("Encounter?status=finished,cancelled", StandardCharsets.UTF_8);
		HttpResponse<String> accepted = kickOff("/fhir/Patient/$export?_type=Encounter,Condition&_typeFilter=" + filter,
				token);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		JsonNode manifest = json
			.readTree(awaitDone(accepted.headers().firstValue("Content-Location").orElseThrow(), token).body());
		List<JsonNode> encounters = lines(manifest, "output", "Encounter", token);
		assertThat(encounters).isNotEmpty()
			.allSatisfy(e -> assertThat(e.get("status").asString()).isIn("finished", "cancelled"));
		assertThat(lines(manifest, "output", "Condition", token)).isNotEmpty();
		assertThat(lines(manifest, "output", "Patient", token)).isEmpty();

		// _since: only what changed after the instant.
		Instant since = jdbc.sql("select max(updated_at) from condition")
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant()
			.minusMillis(1);
		HttpResponse<String> recent = kickOff(
				"/fhir/$export?_type=Condition&_since=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8),
				token);
		JsonNode recentManifest = json
			.readTree(awaitDone(recent.headers().firstValue("Content-Location").orElseThrow(), token).body());
		List<JsonNode> conditions = lines(recentManifest, "output", "Condition", token);
		assertThat(conditions).isNotEmpty()
			.allSatisfy(c -> assertThat(Instant.parse(c.get("meta").get("lastUpdated").asString())).isAfter(since));
	}

	@Test
	void exportsTheGroupOfAWard() throws Exception {
		String token = client("system/Patient.rs system/Encounter.rs system/Group.rs").token(null);
		Map<String, Object> ward = jdbc
			.sql("""
					select w.code, count(distinct e.patient_id) as patients from adt_encounter e
					join adt_bed_assignment a on a.encounter_id = e.id and a.ended_at is null
					join adt_bed b on b.id = a.bed_id join adt_room r on r.id = b.room_id join adt_ward w on w.id = r.ward_id
					where e.status = 'IN_PROGRESS' group by w.code order by count(*) desc limit 1""")
			.query()
			.singleRow();
		String group = "ward-" + ward.get("code");
		HttpResponse<String> read = send("GET", "/fhir/Group/" + group, token, Map.of());
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		assertThat(read.body()).contains("\"actual\":true");
		HttpResponse<String> search = send("GET", "/fhir/Group", token, Map.of());
		assertThat(search.body()).contains(group).contains("department-");

		HttpResponse<String> accepted = kickOff("/fhir/Group/" + group + "/$export?_type=Patient", token);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		JsonNode manifest = json
			.readTree(awaitDone(accepted.headers().firstValue("Content-Location").orElseThrow(), token).body());
		List<JsonNode> patients = lines(manifest, "output", "Patient", token);
		assertThat(patients).hasSize(((Number) ward.get("patients")).intValue());
		assertThat(send("GET", "/fhir/Group/" + group, FhirTestSupport.token(port, "physician"), Map.of()).statusCode())
			.isEqualTo(403);
	}

}
