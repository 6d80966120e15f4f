package continuum.fhir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import continuum.ContinuumIntegrationTest;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientMergeService;
import continuum.patients.PatientService;
import continuum.patients.PatientsMerged;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain JSON read answered by {@link DirectReadFilter} is the read HAPI answers: same
 * status, body bytes and headers (but the request id and date), for an ordinary patient,
 * a merged duplicate and its survivor; it is audited once, and everything it does not
 * take — unknown ids, refusals, missing tokens, other formats — is answered by HAPI as
 * before.
 */
@ContinuumIntegrationTest
class DirectReadIntegrationTests {

	/** The newest patient whose record is not restricted (docs/security.md). */
	private static final String NEWEST_OPEN_PATIENT = "select max(id) from patient p where merged_into is null"
			+ " and not exists (select 1 from privacy_restriction r where r.patient_id = p.id)";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FilterRegistrationBean<DirectReadFilter> directRead;

	@Autowired
	PatientService patients;

	@Autowired
	PatientMergeService merges;

	String token;

	@BeforeEach
	void signIn() {
		token = FhirTestSupport.token(port, "physician");
	}

	@Test
	void aDirectReadIsTheReadHapiAnswers() throws Exception {
		PatientData data = new PatientData(List.of(), "Lefèvre \"Quote\"", List.of("Zoë"), null,
				LocalDate.of(1960, 2, 29), Gender.MALE, Address.NONE, null, "z@example.be", "fr", true);
		PatientId ordinary = patients.register(data).id();
		PatientsMerged merged = merges.merge(patients.register(data).id(), patients.register(data).id());
		List<Long> ids = List.of(ordinary.value(), merged.duplicate().value(), merged.survivor().value());
		// Last changed on a single-digit day, whatever today is: HTTP dates have a
		// two-digit day.
		jdbc.sql("update patient set updated_at = :at where id in (:ids)")
			.param("at", Timestamp.from(Instant.parse("2026-03-01T07:05:09.123Z")))
			.param("ids", ids)
			.update();
		for (long id : ids) {
			HttpResponse<byte[]> direct = get("/fhir/Patient/" + id, token, "application/fhir+json");
			HttpResponse<byte[]> hapi = get("/fhir/Patient/" + id + "?_format=json", token, "application/fhir+json");
			assertThat(direct.statusCode()).isEqualTo(200);
			assertThat(new String(direct.body(), StandardCharsets.UTF_8))
				.isEqualTo(new String(hapi.body(), StandardCharsets.UTF_8));
			assertThat(headers(direct)).isEqualTo(headers(hapi));
			assertThat(direct.headers().firstValue("last-modified")).contains("Sun, 01 Mar 2026 07:05:09 GMT");
			assertThat(direct.headers().map()).as("no server software named").doesNotContainKey("x-powered-by");
			assertThat(hapi.headers().map()).as("no server software named").doesNotContainKey("x-powered-by");
			assertThat(direct.headers().firstValue("x-request-id")).isPresent()
				.isNotEqualTo(hapi.headers().firstValue("x-request-id"));
		}
	}

	@Test
	void aDirectReadIsCompressedWhenHapiWouldCompressIt() throws Exception {
		long id = patients
			.register(new PatientData(List.of(), "Dubois", List.of("Anaïs"), null, LocalDate.of(1984, 7, 3),
					Gender.FEMALE, Address.NONE, null, null, "nl", true))
			.id()
			.value();
		jdbc.sql("update patient set updated_at = :at where id = :id")
			.param("at", Timestamp.from(Instant.parse("2026-11-08T23:59:59Z")))
			.param("id", id)
			.update();
		for (String accepted : List.of("gzip", "deflate, gzip", "gzip, deflate, br")) {
			HttpResponse<byte[]> direct = get("/fhir/Patient/" + id, token, null, accepted);
			HttpResponse<byte[]> hapi = get("/fhir/Patient/" + id + "?_format=json", token, null, accepted);
			assertThat(direct.headers().firstValue("content-encoding")).as(accepted).contains("gzip");
			assertThat(hapi.headers().firstValue("content-encoding")).as(accepted).contains("gzip");
			assertThat(gunzip(direct.body())).isEqualTo(gunzip(hapi.body()));
			assertThat(direct.headers().firstValue("content-length")).contains(Integer.toString(direct.body().length));
			Map<String, List<String>> directHeaders = headers(direct);
			Map<String, List<String>> hapiHeaders = headers(hapi);
			directHeaders.remove("content-length");
			hapiHeaders.remove("content-length");
			assertThat(directHeaders).isEqualTo(hapiHeaders);
		}
		HttpResponse<byte[]> plain = get("/fhir/Patient/" + id, token, null, "deflate, br");
		assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
		assertThat(new String(plain.body(), StandardCharsets.UTF_8)).startsWith("{\"resourceType\":\"Patient\"");
		HttpResponse<byte[]> weighed = get("/fhir/Patient/" + id, token, null, "gzip;q=1.0, identity;q=0.5");
		assertThat(weighed.statusCode()).isEqualTo(200);
	}

	@Test
	void aDirectReadIsAuditedOnceWithItsReaderAndAddress() throws Exception {
		long id = jdbc.sql(NEWEST_OPEN_PATIENT).query(Long.class).single();
		long before = reads(id);
		assertThat(get("/fhir/Patient/" + id, token, null).statusCode()).isEqualTo(200);
		assertThat(get("/fhir/Patient/" + id, token, "*/*").statusCode()).isEqualTo(200);
		assertThat(reads(id)).isEqualTo(before + 2);
		assertThat(jdbc.sql("""
				select username || ' ' || role || ' ' || address || ' ' || outcome from audit_log
				where resource_type = 'Patient' and resource_id = :id and action = 'READ' order by id desc limit 1""")
			.param("id", Long.toString(id))
			.query(String.class)
			.single()).isEqualTo("physician PHYSICIAN 127.0.0.1 SUCCESS");
	}

	@Test
	void whatTheDirectReadDoesNotTakeHapiAnswersAsBefore() throws Exception {
		long id = jdbc.sql(NEWEST_OPEN_PATIENT).query(Long.class).single();
		HttpResponse<byte[]> unknown = get("/fhir/Patient/999999999", token, "application/fhir+json");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(new String(unknown.body(), StandardCharsets.UTF_8))
			.contains("\"resourceType\":\"OperationOutcome\"");
		assertThat(get("/fhir/Patient/0", token, null).statusCode()).isBetween(400, 404);
		assertThat(get("/fhir/Patient/" + id, null, null).statusCode()).isEqualTo(401);
		assertThat(get("/fhir/Patient/" + id, "not-a-token", null).statusCode()).isEqualTo(401);
		HttpResponse<byte[]> xml = get("/fhir/Patient/" + id, token, "application/fhir+xml");
		assertThat(xml.statusCode()).isEqualTo(200);
		assertThat(new String(xml.body(), StandardCharsets.UTF_8)).startsWith("<Patient");
	}

	@Test
	void aCallerWhoseScopesDoNotReachPatientsIsRefusedAndAuditedOnce() throws Exception {
		long id = jdbc.sql("select min(id) from patient where merged_into is null").query(Long.class).single();
		String narrow = narrowToken();
		long denials = jdbc
			.sql("select count(*) from audit_log where resource_type = 'Patient' and resource_id = :id"
					+ " and outcome <> 'SUCCESS'")
			.param("id", Long.toString(id))
			.query(Long.class)
			.single();
		HttpResponse<byte[]> refused = get("/fhir/Patient/" + id, narrow, "application/fhir+json");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("OperationOutcome");
		assertThat(jdbc
			.sql("select count(*) from audit_log where resource_type = 'Patient' and resource_id = :id"
					+ " and outcome <> 'SUCCESS'")
			.param("id", Long.toString(id))
			.query(Long.class)
			.single()).isEqualTo(denials + 1);
	}

	@Test
	void onlyPlainJsonReadsOfServedTypesAreTaken() {
		assertThat(target("GET", "/Patient/12", null, null)).isNotNull();
		assertThat(target("GET", "/Patient/12", "_pretty=true", null)).isNull();
		assertThat(target("GET", "/Patient/12", null, "application/fhir+xml")).isNull();
		assertThat(target("GET", "/Patient/12/_history/1", null, null)).isNull();
		assertThat(target("GET", "/Patient", null, null)).isNull();
		assertThat(target("GET", "/Patient/", null, null)).isNull();
		assertThat(target("GET", "/Patient/1 2", null, null)).isNull();
		assertThat(target("GET", "/Encounter/12", null, null)).isNull();
		assertThat(target("DELETE", "/Patient/12", null, null)).isNull();
		assertThat(target("GET", "/Patient/" + "1".repeat(65), null, null)).isNull();
	}

	private DirectReadFilter.Target target(String method, String pathInfo, String query, String accept) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/fhir" + pathInfo);
		request.setServletPath("/fhir");
		request.setPathInfo(pathInfo);
		request.setQueryString(query);
		if (accept != null) {
			request.addHeader("Accept", accept);
		}
		return directRead.getFilter().target(request);
	}

	private String narrowToken() throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/token")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=physician&password="
					+ ContinuumIntegrationTest.DEMO_PASSWORD + "&scope=user/Encounter.rs"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"scope\":\"user/Encounter.rs\"");
		int start = response.body().indexOf("\"access_token\":\"") + 16;
		return response.body().substring(start, response.body().indexOf('"', start));
	}

	private long reads(long id) {
		return jdbc
			.sql("select count(*) from audit_log where resource_type = 'Patient' and resource_id = :id"
					+ " and action = 'READ'")
			.param("id", Long.toString(id))
			.query(Long.class)
			.single();
	}

	private HttpResponse<byte[]> get(String path, String bearer, String accept) throws Exception {
		return get(path, bearer, accept, null);
	}

	private HttpResponse<byte[]> get(String path, String bearer, String accept, String acceptEncoding)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).GET();
		if (acceptEncoding != null) {
			request.header("Accept-Encoding", acceptEncoding);
		}
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		if (accept != null) {
			request.header("Accept", accept);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String gunzip(byte[] body) throws java.io.IOException {
		try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
				new java.io.ByteArrayInputStream(body))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

	/**
	 * The response headers that must match, without the ones that differ per response.
	 */
	private static Map<String, List<String>> headers(HttpResponse<?> response) {
		Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
		headers.remove("x-request-id");
		headers.remove("date");
		return headers;
	}

}
