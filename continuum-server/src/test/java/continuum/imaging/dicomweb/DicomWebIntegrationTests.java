package continuum.imaging.dicomweb;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.imageio.ImageIO;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * QIDO-RS and WADO-RS over real HTTP against the PACS index and files, as the
 * radiologist's token: the query keys, paging and warnings, the DICOM JSON model,
 * objects, metadata, frames and rendered images byte for byte, the refusals (401, 403,
 * 400, 404, 406), quarantined studies kept out, and the audit of every access.
 */
@ContinuumIntegrationTest
class DicomWebIntegrationTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	DicomWebFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	String token;

	@BeforeEach
	void signIn() {
		token = FhirTestSupport.token(port, "radiologist");
	}

	static String accession() {
		return "A" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
	}

	@Test
	void searchesStudiesByTheCommonKeysWithTheDefaultAttributes() throws Exception {
		long patient = fixtures.demoPatient(3);
		String accession = accession();
		var study = fixtures.ctStudy(patient, "Van Damme^Élise", LocalDate.of(2024, 3, 2), accession, 2, 2,
				"RECONCILED");

		HttpResponse<String> found = get("/dicomweb/studies?AccessionNumber=" + accession, "application/dicom+json");
		assertThat(found.statusCode()).isEqualTo(200);
		assertThat(found.headers().firstValue("Content-Type"))
			.hasValueSatisfying(t -> t.startsWith("application/dicom+json"));
		JsonNode studies = JSON.readTree(found.body());
		assertThat(studies).hasSize(1);
		JsonNode s = studies.get(0);
		assertThat(s.get("0020000D").get("Value").get(0).asString()).isEqualTo(study.studyUid());
		assertThat(s.get("0020000D").get("vr").asString()).isEqualTo("UI");
		assertThat(s.get("00100010").get("Value").get(0).get("Alphabetic").asString()).isEqualTo("Van Damme^Élise");
		assertThat(s.get("00080020").get("Value").get(0).asString()).isEqualTo("20240302");
		assertThat(s.get("00080061").get("Value").get(0).asString()).isEqualTo("CT");
		assertThat(s.get("00201206").get("Value").get(0).asInt()).isEqualTo(2);
		assertThat(s.get("00201208").get("Value").get(0).asInt()).isEqualTo(4);
		assertThat(s.get("00081190").get("Value").get(0).asString())
			.isEqualTo("http://127.0.0.1:" + port + "/dicomweb/studies/" + study.studyUid());
		assertThat(s.has("00081030")).as("StudyDescription is not a default return attribute").isFalse();

		// Person names match case- and accent-insensitively, with wildcards; other keys
		// by keyword or tag; dates as ranges; UIDs as lists.
		assertThat(uids("/dicomweb/studies?PatientName=van%20damme*&AccessionNumber=" + accession))
			.containsExactly(study.studyUid());
		assertThat(uids("/dicomweb/studies?00100010=VAN*ELISE&00080050=" + accession))
			.containsExactly(study.studyUid());
		assertThat(uids("/dicomweb/studies?PatientID=" + study.dicomPatientId() + "&StudyDate=20240301-20240303"
				+ "&AccessionNumber=" + accession))
			.containsExactly(study.studyUid());
		assertThat(uids("/dicomweb/studies?StudyDate=20240303-&AccessionNumber=" + accession)).isEmpty();
		assertThat(uids("/dicomweb/studies?StudyDate=-20240302&ModalitiesInStudy=MR,CT&AccessionNumber=" + accession))
			.containsExactly(study.studyUid());
		assertThat(uids("/dicomweb/studies?ModalitiesInStudy=MR&AccessionNumber=" + accession)).isEmpty();
		assertThat(uids("/dicomweb/studies?StudyInstanceUID=1.2.3," + study.studyUid()))
			.containsExactly(study.studyUid());
		assertThat(uids("/dicomweb/studies?StudyDescription=CT*&AccessionNumber=" + accession))
			.containsExactly(study.studyUid());

		JsonNode all = JSON
			.readTree(get("/dicomweb/studies?includefield=all&StudyInstanceUID=" + study.studyUid(), null).body())
			.get(0);
		assertThat(all.get("00081030").get("Value").get(0).asString()).isEqualTo("CT THORAX");
		JsonNode one = JSON
			.readTree(
					get("/dicomweb/studies?includefield=StudyDescription,00100021&StudyInstanceUID=" + study.studyUid(),
							null)
						.body())
			.get(0);
		assertThat(one.has("00081030")).isTrue();

		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'radiologist' and resource_type = 'ImagingStudy'
				   and action = 'READ' and resource_id = :uid and patient_id = :patient""")
			.param("uid", study.studyUid())
			.param("patient", Long.toString(patient))
			.query(Long.class)
			.single()).as("every study a search shows is audited as read for its patient").isPositive();
	}

	@Test
	void searchesSeriesAndInstancesWithinAndAcrossStudies() throws Exception {
		var study = fixtures.ctStudy(fixtures.demoPatient(4), "Maes^Jan", LocalDate.of(2024, 1, 31), accession(), 2, 3,
				"RECONCILED");
		JsonNode series = JSON.readTree(get("/dicomweb/studies/" + study.studyUid() + "/series", null).body());
		assertThat(series).hasSize(2);
		assertThat(series.get(0).get("00200011").get("Value").get(0).asInt()).isEqualTo(1);
		assertThat(series.get(0).get("00201209").get("Value").get(0).asInt()).isEqualTo(3);
		assertThat(series.get(0).has("00100010")).as("study attributes only when not within a study").isFalse();
		JsonNode across = JSON
			.readTree(get("/dicomweb/series?SeriesInstanceUID=" + study.seriesUids().get(1), null).body());
		assertThat(across).hasSize(1);
		assertThat(across.get(0).get("00100010").get("Value").get(0).get("Alphabetic").asString())
			.isEqualTo("Maes^Jan");

		JsonNode instances = JSON.readTree(
				get("/dicomweb/studies/" + study.studyUid() + "/series/" + study.seriesUids().get(0) + "/instances",
						null)
					.body());
		assertThat(instances).hasSize(3);
		JsonNode first = instances.get(0);
		assertThat(first.get("00080016").get("Value").get(0).asString()).isEqualTo(DicomWebFixtures.CT);
		assertThat(first.get("00280010").get("Value").get(0).asInt()).isEqualTo(64);
		assertThat(first.get("00280010").get("vr").asString()).isEqualTo("US");
		assertThat(first.get("00081190").get("Value").get(0).asString()).endsWith("/studies/" + study.studyUid()
				+ "/series/" + study.seriesUids().get(0) + "/instances/" + study.instanceUids().get(0));
		assertThat(JSON.readTree(get("/dicomweb/instances?SOPInstanceUID=" + study.instanceUids().get(4), null).body()))
			.hasSize(1);
		assertThat(JSON
			.readTree(get("/dicomweb/studies/" + study.studyUid() + "/instances?InstanceNumber=2", null).body()))
			.hasSize(2);

		// Paging: limit and offset, with a warning while more results are left.
		HttpResponse<String> page = get("/dicomweb/studies/" + study.studyUid() + "/instances?limit=4", null);
		assertThat(JSON.readTree(page.body())).hasSize(4);
		assertThat(page.headers().allValues("Warning"))
			.anySatisfy(w -> assertThat(w).startsWith("299 ").contains("additional results"));
		HttpResponse<String> rest = get("/dicomweb/studies/" + study.studyUid() + "/instances?limit=4&offset=4", null);
		assertThat(JSON.readTree(rest.body())).hasSize(2);
		assertThat(rest.headers().allValues("Warning")).isEmpty();
	}

	@Test
	void warnsOfKeysItIgnoresAndRefusesWhatItCannotRead() throws Exception {
		HttpResponse<String> warned = get("/dicomweb/studies?PatientAge=040Y&fuzzymatching=true&limit=1", null);
		assertThat(warned.statusCode()).isEqualTo(200);
		// Other tests' studies may be there too, adding "additional results" to the two.
		assertThat(warned.headers().allValues("Warning")).filteredOn(w -> !w.contains("additional results"))
			.hasSize(2)
			.anySatisfy(w -> assertThat(w).contains("PatientAge"))
			.anySatisfy(w -> assertThat(w).contains("fuzzymatching"));

		for (String bad : List.of("NoSuchKeyword=1", "StudyDate=2024-03-01", "StudyDate=20241301", "limit=0",
				"limit=abc", "StudyInstanceUID=1.2.x", "includefield=Nonsense", "StudyTime=2561")) {
			HttpResponse<String> refused = get("/dicomweb/studies?" + bad, null);
			assertThat(refused.statusCode()).as(bad).isEqualTo(400);
			assertThat(refused.headers().firstValue("Content-Type")).as(bad).hasValue("application/problem+json");
			assertThat(refused.body()).as(bad).doesNotContain("Exception", "select ");
		}
		assertThat(get("/dicomweb/studies", "application/dicom+xml").statusCode()).isEqualTo(406);
	}

	@Test
	void servesNothingOfAQuarantinedStudy() throws Exception {
		var held = fixtures.ctStudy(fixtures.demoPatient(5), "Claes^Lotte", LocalDate.of(2024, 2, 3), accession(), 1, 1,
				"QUARANTINED");
		assertThat(uids("/dicomweb/studies?StudyInstanceUID=" + held.studyUid())).isEmpty();
		assertThat(getBytes("/dicomweb/studies/" + held.studyUid(), null).statusCode()).isEqualTo(404);
		assertThat(get("/dicomweb/studies/" + held.studyUid() + "/metadata", null).statusCode()).isEqualTo(404);
	}

	@Test
	void retrievesObjectsAsStoredInMultipart() throws Exception {
		var study = fixtures.ctStudy(fixtures.demoPatient(6), "Wouters^Bram", LocalDate.of(2024, 5, 9), accession(), 2,
				2, "RECONCILED");
		HttpResponse<byte[]> whole = getBytes("/dicomweb/studies/" + study.studyUid(),
				"multipart/related; type=\"application/dicom\"; transfer-syntax=*");
		assertThat(whole.statusCode()).isEqualTo(200);
		String type = whole.headers().firstValue("Content-Type").orElseThrow();
		assertThat(type).startsWith("multipart/related").contains("type=\"application/dicom\"");
		List<Multipart> parts = Multipart.parse(type, whole.body());
		assertThat(parts).hasSize(4);
		for (int i = 0; i < 4; i++) {
			assertThat(parts.get(i).body()).isEqualTo(Files.readAllBytes(study.files().get(i)));
			assertThat(parts.get(i).headers().get("content-type")).startsWith("application/dicom");
		}
		String instance = "/dicomweb/studies/" + study.studyUid() + "/series/" + study.seriesUids().get(1)
				+ "/instances/" + study.instanceUids().get(3);
		HttpResponse<byte[]> one = getBytes(instance, null);
		assertThat(Multipart.parse(one.headers().firstValue("Content-Type").orElseThrow(), one.body())).singleElement()
			.satisfies(p -> assertThat(p.body()).isEqualTo(Files.readAllBytes(study.files().get(3))));
		assertThat(
				getBytes(instance, "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2")
					.statusCode())
			.as("no transcoding")
			.isEqualTo(406);
		assertThat(getBytes("/dicomweb/studies/1.2.3.4.5.6", null).statusCode()).isEqualTo(404);
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'radiologist' and resource_type = 'ImagingStudy'
				   and action = 'EXPORT' and resource_id = :uid""")
			.param("uid", study.studyUid())
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void answersMetadataWithPixelDataAsBulkData() throws Exception {
		var study = fixtures.ctStudy(fixtures.demoPatient(7), "Jacobs^Eva", LocalDate.of(2024, 6, 1), accession(), 1, 3,
				"RECONCILED");
		HttpResponse<String> response = get("/dicomweb/studies/" + study.studyUid() + "/metadata",
				"application/dicom+json");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = JSON.readTree(response.body());
		assertThat(metadata).hasSize(3);
		JsonNode first = metadata.get(0);
		assertThat(first.get("00080018").get("Value").get(0).asString()).isEqualTo(study.instanceUids().get(0));
		assertThat(first.get("00100010").get("Value").get(0).get("Alphabetic").asString()).isEqualTo("Jacobs^Eva");
		assertThat(first.get("00281052").get("Value").get(0).asInt()).isEqualTo(-1024);
		assertThat(first.get("00280010").get("Value").get(0).asInt()).isEqualTo(64);
		assertThat(first.get("00200013").get("Value").get(0).asInt()).isEqualTo(1);
		String bulk = first.get("7FE00010").get("BulkDataURI").asString();
		assertThat(first.get("7FE00010").get("vr").asString()).isEqualTo("OW");
		assertThat(bulk).endsWith("/instances/" + study.instanceUids().get(0) + "/frames/1");

		HttpResponse<byte[]> frame = getBytes(URI.create(bulk).getPath(),
				"multipart/related; type=\"application/octet-stream\"");
		assertThat(frame.statusCode()).isEqualTo(200);
		assertThat(Multipart.parse(frame.headers().firstValue("Content-Type").orElseThrow(), frame.body()))
			.singleElement()
			.satisfies(p -> assertThat(p.body()).isEqualTo(DicomWebFixtures.pixels(1)));
		assertThat(getBytes(URI.create(bulk).getPath().replace("/frames/1", "/frames/2"), null).statusCode())
			.isEqualTo(404);
		assertThat(getBytes(URI.create(bulk).getPath(), "image/jpeg").statusCode()).isEqualTo(406);
	}

	@Test
	void rendersFramesWithTheObjectsWindowOrTheOneAsked() throws Exception {
		var study = fixtures.ctStudy(fixtures.demoPatient(8), "Peeters^Ana", LocalDate.of(2024, 7, 7), accession(), 1,
				1, "RECONCILED");
		String instance = "/dicomweb/studies/" + study.studyUid() + "/series/" + study.seriesUids().get(0)
				+ "/instances/" + study.instanceUids().get(0);
		// Column x holds HU x*32+1-1024: with the object's window 40/400 (-160..240),
		// x=25 (-223 HU) is black, x=36 (129 HU) mid-grey-to-white, x=40 (257 HU) white.
		BufferedImage png = image(getBytes(instance + "/rendered", "image/png"), "image/png");
		assertThat(png.getWidth()).isEqualTo(64);
		assertThat(gray(png, 25)).isZero();
		assertThat(gray(png, 40)).isEqualTo(255);
		assertThat(gray(png, 36)).isBetween(180, 190);
		// A wide window (center 0, width 2048) shows x=0 (-1023 HU) near black and x=32
		// (1 HU) mid-grey.
		BufferedImage wide = image(getBytes(instance + "/rendered?window=0,2048,linear", "image/png"), "image/png");
		assertThat(gray(wide, 0)).isLessThan(3);
		assertThat(gray(wide, 32)).isBetween(125, 131);
		BufferedImage jpeg = image(getBytes(instance + "/frames/1/rendered?viewport=32,32&quality=80", "image/jpeg"),
				"image/jpeg");
		assertThat(jpeg.getWidth()).isEqualTo(32);
		BufferedImage thumbnail = image(getBytes("/dicomweb/studies/" + study.studyUid() + "/thumbnail", null),
				"image/jpeg");
		assertThat(thumbnail.getWidth()).isEqualTo(FramesController.THUMBNAIL);
		assertThat(getBytes(instance + "/rendered", "image/gif").statusCode()).isEqualTo(406);
		assertThat(getBytes(instance + "/rendered?window=40", "image/png").statusCode()).isEqualTo(400);
		assertThat(getBytes(instance + "/rendered?viewport=0,10", "image/png").statusCode()).isEqualTo(400);
	}

	@Test
	void letsOnlyImagingRolesInAndAuditsRefusals() throws Exception {
		var study = fixtures.ctStudy(fixtures.demoPatient(9), "Smet^Tom", LocalDate.of(2024, 8, 8), accession(), 1, 1,
				"RECONCILED");
		HttpResponse<String> anonymous = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dicomweb/studies")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Bearer"));
		for (String username : List.of("physician", "radiographer", "interface")) {
			token = FhirTestSupport.token(port, username);
			assertThat(get("/dicomweb/studies?StudyInstanceUID=" + study.studyUid(), null).statusCode()).as(username)
				.isEqualTo(200);
		}
		token = FhirTestSupport.token(port, "labtech");
		HttpResponse<String> refused = get("/dicomweb/studies/" + study.studyUid() + "/metadata", null);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'labtech' and resource_type = 'ImagingStudy'
				   and outcome = 'DENIED' and resource_id = :uid""")
			.param("uid", study.studyUid())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private List<String> uids(String path) throws Exception {
		HttpResponse<String> response = get(path, null);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		JsonNode results = JSON.readTree(response.body());
		return java.util.stream.StreamSupport.stream(results.spliterator(), false)
			.map(r -> r.get("0020000D").get("Value").get(0).asString())
			.toList();
	}

	private HttpResponse<String> get(String path, String accept) throws Exception {
		return http.send(request(path, accept), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<byte[]> getBytes(String path, String accept) throws Exception {
		return http.send(request(path, accept), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpRequest request(String path, String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + token);
		if (accept != null) {
			request.header("Accept", accept);
		}
		return request.build();
	}

	private static BufferedImage image(HttpResponse<byte[]> response, String type) throws Exception {
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue(type);
		return ImageIO.read(new ByteArrayInputStream(response.body()));
	}

	private static int gray(BufferedImage image, int x) {
		return image.getRaster().getSample(x, 10, 0);
	}

	static String encode(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
