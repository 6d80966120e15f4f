package continuum.imaging.dicomweb;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.UidGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * STOW-RS over real HTTP into the PACS ingest: objects of a known patient are stored,
 * reconciled and served back byte for byte; the answer lists what was stored and what
 * failed with its reason, with 200, 202 or 409; a study mismatch, an unreadable part, a
 * malformed body, another media type and a role without the right are refused.
 */
@ContinuumIntegrationTest
class StowIntegrationTests {

	private static final UidGenerator UIDS = UidGenerator.uuidBased();

	@LocalServerPort
	int port;

	@Autowired
	DicomWebFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void storesObjectsThatAreThenSearchedAndRetrieved() throws Exception {
		long patient = fixtures.demoPatient(20);
		String mrn = jdbc.sql("select mrn from patient where id = :id")
			.param("id", patient)
			.query(String.class)
			.single();
		String study = UIDS.next();
		String series = UIDS.next();
		List<String> sops = List.of(UIDS.next(), UIDS.next());
		List<byte[]> objects = sops.stream()
			.map(sop -> part10(mrn, study, series, sop, sops.indexOf(sop) + 1))
			.toList();

		HttpResponse<String> stored = post("/dicomweb/studies", "radiographer",
				multipart(objects, "application/dicom"));
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
		JsonNode answer = DicomWebIntegrationTests.JSON.readTree(stored.body());
		JsonNode referenced = answer.get("00081199").get("Value");
		assertThat(referenced).hasSize(2);
		assertThat(referenced.get(0).get("00081155").get("Value").get(0).asString()).isEqualTo(sops.get(0));
		assertThat(referenced.get(1).get("00081190").get("Value").get(0).asString())
			.endsWith("/studies/" + study + "/series/" + series + "/instances/" + sops.get(1));
		assertThat(answer.get("00081198").has("Value")).isFalse();

		assertThat(jdbc.sql("select status || ':' || patient_id from pacs_study where study_instance_uid = :uid")
			.param("uid", study)
			.query(String.class)
			.single()).as("reconciled by MRN, as a C-STORE is").isEqualTo("RECONCILED:" + patient);
		assertThat(jdbc.sql("select source_ae from pacs_instance where sop_instance_uid = :uid")
			.param("uid", sops.get(0))
			.query(String.class)
			.single()).isEqualTo("STOW-RS");
		HttpResponse<byte[]> back = http.send(HttpRequest
			.newBuilder(URI.create(base() + "/studies/" + study + "/series/" + series + "/instances/" + sops.get(1)))
			.header("Authorization", "Bearer " + FhirTestSupport.token(port, "radiologist"))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		byte[] retrieved = Multipart.parse(back.headers().firstValue("Content-Type").orElseThrow(), back.body())
			.get(0)
			.body();
		assertThat(DicomWebFixtures.dataSet(retrieved)).isEqualTo(DicomWebFixtures.dataSet(objects.get(1)));

		// The same objects again: held already, so success again.
		assertThat(
				post("/dicomweb/studies/" + study, "interface", multipart(objects, "application/dicom")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void listsWhatFailedWithItsReason() throws Exception {
		long patient = fixtures.demoPatient(21);
		String mrn = jdbc.sql("select mrn from patient where id = :id")
			.param("id", patient)
			.query(String.class)
			.single();
		String study = UIDS.next();
		byte[] good = part10(mrn, study, UIDS.next(), UIDS.next(), 1);
		byte[] otherStudy = part10(mrn, UIDS.next(), UIDS.next(), UIDS.next(), 1);
		byte[] garbage = "this is no DICOM object".getBytes(StandardCharsets.US_ASCII);

		HttpResponse<String> some = post("/dicomweb/studies/" + study, "radiographer",
				multipart(List.of(good, otherStudy, garbage), "application/dicom"));
		assertThat(some.statusCode()).as(some.body()).isEqualTo(202);
		JsonNode answer = DicomWebIntegrationTests.JSON.readTree(some.body());
		assertThat(answer.get("00081199").get("Value")).hasSize(1);
		JsonNode failed = answer.get("00081198").get("Value");
		assertThat(failed).hasSize(2);
		assertThat(failed.get(0).get("00081197").get("Value").get(0).asInt()).isEqualTo(StowController.STUDY_MISMATCH);
		assertThat(failed.get(1).get("00081197").get("Value").get(0).asInt())
			.isEqualTo(StowController.CANNOT_UNDERSTAND);
		assertThat(answer.get("00081190").get("Value").get(0).asString()).endsWith("/dicomweb/studies/" + study);

		HttpResponse<String> none = post("/dicomweb/studies", "radiographer",
				multipart(List.of(garbage), "application/dicom"));
		assertThat(none.statusCode()).isEqualTo(409);
	}

	@Test
	void refusesBadRequestsAndRolesWithoutTheRight() throws Exception {
		byte[] body = multipart(List.of(new byte[] { 1, 2, 3 }), "application/dicom");
		HttpResponse<String> malformed = send("radiographer",
				"multipart/related; type=\"application/dicom\"; boundary=x", "no delimiter here".getBytes());
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(send("radiographer", "application/dicom", new byte[] { 1 }).statusCode()).isEqualTo(415);
		assertThat(send("radiographer", "multipart/related; type=\"application/dicom+json\"; boundary=b", body)
			.statusCode()).isEqualTo(415);
		assertThat(post("/dicomweb/studies", "physician", body).statusCode()).as("physicians read, never store")
			.isEqualTo(403);
		assertThat(post("/dicomweb/studies", "nurse", body).statusCode()).isEqualTo(403);
	}

	private byte[] part10(String mrn, String study, String series, String sop, int number) {
		Attributes ds = DicomWebFixtures.ctSlice(mrn, "Stow^Test", study, series, sop, LocalDate.of(2024, 11, 3), null,
				1, number);
		return DicomWebFixtures.encode(ds);
	}

	private static final String BOUNDARY = "stow-" + UUID.randomUUID();

	private static byte[] multipart(List<byte[]> parts, String type) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			body.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: " + type + "\r\n\r\n").getBytes());
			body.writeBytes(part);
			body.writeBytes("\r\n".getBytes());
		}
		body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes());
		return body.toByteArray();
	}

	private HttpResponse<String> post(String path, String username, byte[] body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + FhirTestSupport.token(port, username))
			.header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY)
			.header("Accept", "application/dicom+json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String username, String contentType, byte[] body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base() + "/studies"))
			.header("Authorization", "Bearer " + FhirTestSupport.token(port, username))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String base() {
		return "http://127.0.0.1:" + port + "/dicomweb";
	}

}
