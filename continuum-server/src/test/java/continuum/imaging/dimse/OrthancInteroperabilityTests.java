package continuum.imaging.dimse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import continuum.ContinuumIntegrationTest;
import continuum.imaging.DicomAe;
import continuum.imaging.DicomPeer;
import continuum.imaging.DicomPeers;
import continuum.imaging.pacs.PacsFixtures;
import continuum.lab.LabFixtures;
import continuum.patients.PatientService;
import continuum.platform.PlatformSettings;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.service.StoreScu;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Interoperability with Debian's Orthanc, started once for the class as a child process
 * on free loopback ports with its own configuration and storage: Orthanc queries us and
 * C-MOVEs a study from us to itself, and C-STOREs a study into us; in both directions
 * every data set arrives byte for byte as sent (compared by SHA-256 of the data set,
 * without the File Meta Information each side writes for itself).
 */
@ContinuumIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrthancInteroperabilityTests {

	static final String ORTHANC_AE = "ORTHANCIT";

	@Autowired
	DicomAe ae;

	@Autowired
	DicomPeers peers;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformSettings platform;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final ObjectMapper json = new ObjectMapper();

	Path folder;

	Process orthanc;

	int httpPort;

	@BeforeAll
	void startOrthanc() throws Exception {
		folder = Files.createTempDirectory("orthanc-it");
		httpPort = freePort();
		int dicomPort = freePort();
		Files.writeString(folder.resolve("orthanc.json"), """
				{
				  "Name": "continuum-it",
				  "StorageDirectory": "%1$s/db",
				  "IndexDirectory": "%1$s/db",
				  "HttpPort": %2$d,
				  "RemoteAccessAllowed": false,
				  "AuthenticationEnabled": false,
				  "KeepAlive": false,
				  "DicomAet": "%3$s",
				  "DicomPort": %4$d,
				  "DicomCheckCalledAet": true,
				  "DicomAlwaysAllowStore": true,
				  "DicomModalities": { "continuum": [ "%5$s", "127.0.0.1", %6$d ] },
				  "Plugins": [ ]
				}
				""".formatted(folder, httpPort, ORTHANC_AE, dicomPort, ae.aeTitle(), ae.port()));
		var builder = new ProcessBuilder("Orthanc", folder.resolve("orthanc.json").toString()).redirectErrorStream(true)
			.redirectOutput(folder.resolve("orthanc.log").toFile());
		builder.environment().put("TCP_NODELAY", "1");
		orthanc = builder.start();
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> get("/system").statusCode() == 200);
		LabFixtures.as("IT_OPERATIONS", () -> {
			peers.save(new DicomPeer(ORTHANC_AE, "127.0.0.1", dicomPort, false, true, true, true, false, false, false,
					true, "Orthanc (interoperability test)"));
			return null;
		});
	}

	@AfterAll
	void stopOrthanc() throws Exception {
		if (orthanc != null) {
			orthanc.destroy();
			if (!orthanc.waitFor(20, TimeUnit.SECONDS)) {
				orthanc.destroyForcibly();
			}
		}
	}

	@Test
	void orthancQueriesAndMovesAStudyFromUsUnchanged() throws Exception {
		var patient = patients.idsForDemo(14).get(13);
		var order = PacsFixtures.order(jdbc, patient.value());
		String mrn = patients.get(patient).mrn();
		List<Attributes> sent = new ArrayList<>();
		String series = PacsFixtures.uid();
		try (Association as = connect()) {
			for (int i = 0; i < 3; i++) {
				Attributes ct = PacsFixtures.ct(mrn, order.accessionNumber(), order.studyInstanceUid(), series,
						PacsFixtures.uid(), 256 * 1024);
				assertThat(StoreScu.store(as, ct)).isZero();
				sent.add(ct);
			}
		}

		HttpResponse<String> query = post("/modalities/continuum/query", """
				{"Level": "Study", "Query": {"StudyInstanceUID": "%s", "PatientName": ""}}"""
			.formatted(order.studyInstanceUid()));
		assertThat(query.statusCode()).as(query.body()).isEqualTo(200);
		String queryId = json.readTree(query.body()).get("ID").asText();
		assertThat(json.readTree(get("/queries/" + queryId + "/answers").body())).hasSize(1);

		HttpResponse<String> move = post("/modalities/continuum/move", """
				{"Level": "Study", "Resources": [{"StudyInstanceUID": "%s"}], "TargetAet": "%s", "Synchronous": true}"""
			.formatted(order.studyInstanceUid(), ORTHANC_AE));
		assertThat(move.statusCode()).as(move.body()).isEqualTo(200);

		for (Attributes ct : sent) {
			String sop = ct.getString(Tag.SOPInstanceUID);
			byte[] atOrthanc = orthancFile(sop);
			String ours = jdbc.sql("select file_path from pacs_instance where sop_instance_uid = :uid")
				.param("uid", sop)
				.query(String.class)
				.single();
			byte[] stored = Files.readAllBytes(Path.of(platform.data().dir(), "dicom", ours));
			assertThat(dataSetSha(atOrthanc)).isEqualTo(dataSetSha(stored));
			assertThat(dataSetSha(stored)).isEqualTo(sha(PacsFixtures.encode(ct)));
		}
	}

	@Test
	void orthancStoresAStudyIntoUsUnchanged() throws Exception {
		var patient = patients.idsForDemo(15).get(14);
		var order = PacsFixtures.order(jdbc, patient.value());
		Attributes ct = PacsFixtures.ct(patients.get(patient).mrn(), order.accessionNumber(), order.studyInstanceUid(),
				PacsFixtures.uid(), PacsFixtures.uid(), 128 * 1024);
		Path file = PacsFixtures.writeFile(folder, ct);
		HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(base() + "/instances"))
			.POST(HttpRequest.BodyPublishers.ofFile(file))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
		String orthancId = json.readTree(upload.body()).get("ID").asText();

		HttpResponse<String> store = post("/modalities/continuum/store",
				"{\"Resources\": [\"" + orthancId + "\"], \"Synchronous\": true}");
		assertThat(store.statusCode()).as(store.body()).isEqualTo(200);

		var row = jdbc
			.sql("""
					select i.file_path, i.source_ae, st.status from pacs_instance i join pacs_series se on se.id = i.series_id
					join pacs_study st on st.id = se.study_id where i.sop_instance_uid = :uid""")
			.param("uid", ct.getString(Tag.SOPInstanceUID))
			.query()
			.singleRow();
		assertThat(row).containsEntry("source_ae", ORTHANC_AE).containsEntry("status", "RECONCILED");
		byte[] stored = Files.readAllBytes(Path.of(platform.data().dir(), "dicom", (String) row.get("file_path")));
		assertThat(dataSetSha(stored)).isEqualTo(sha(PacsFixtures.encode(ct)));
	}

	private byte[] orthancFile(String sopInstanceUid) throws Exception {
		HttpResponse<String> lookup = post("/tools/lookup", sopInstanceUid);
		JsonNode found = json.readTree(lookup.body());
		assertThat(found).as(lookup.body()).hasSize(1);
		String id = found.get(0).get("ID").asText();
		HttpResponse<byte[]> file = http.send(
				HttpRequest.newBuilder(URI.create(base() + "/instances/" + id + "/file")).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(file.statusCode()).isEqualTo(200);
		return file.body();
	}

	/**
	 * The SHA-256 of a Part 10 file's data set bytes, as stored (no File Meta
	 * Information).
	 */
	private static byte[] dataSetSha(byte[] part10) throws Exception {
		try (InputStream in = new ByteArrayInputStream(part10); var dis = DicomInputStream.openFile(in)) {
			assertThat(dis.transferSyntaxUid()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
			return sha(dis.rawDataSetStream().readAllBytes());
		}
	}

	private static byte[] sha(byte[] bytes) throws Exception {
		return MessageDigest.getInstance("SHA-256").digest(bytes);
	}

	private Association connect() throws IOException {
		var rq = new AssociationRequest("MODALITY", ae.aeTitle()).addContext(Uid.CT_IMAGE_STORAGE,
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
		return rq.connect("127.0.0.1", ae.port(), AssociationSettings.defaults("MODALITY"));
	}

	private String base() {
		return "http://127.0.0.1:" + httpPort;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base() + path))
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
