package continuum.imaging.dicomweb;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import org.continuum.dicom.data.UidGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our DICOMweb service driven by an independent client: the {@code dicomweb-client} npm
 * package (with {@code xhr2} for its XMLHttpRequest) under node, installed by npm into
 * the test's own temporary folder, with the radiographer's token (who may search, read
 * and store). It searches, reads metadata, retrieves an instance and a frame, and what it
 * got is checked against the files.
 */
@ContinuumIntegrationTest
class DicomWebInteropTests {

	@LocalServerPort
	int port;

	@Autowired
	DicomWebFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	private static final UidGenerator UIDS = UidGenerator.uuidBased();

	Path work;

	@BeforeEach
	void installClient() throws Exception {
		work = Files.createTempDirectory("continuum-dicomweb-client-");
		run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "dicomweb-client@0.11.3",
				"xhr2@0.2.1"), java.util.Map.of(), 300);
		try (InputStream script = getClass().getResourceAsStream("dicomweb-client-run.js")) {
			Files.copy(script, work.resolve("run.js"));
		}
	}

	@AfterEach
	void removeClient() {
		FileSystemUtils.deleteRecursively(work.toFile());
	}

	@Test
	void searchesReadsMetadataAndRetrievesWithDicomwebClient() throws Exception {
		String accession = DicomWebIntegrationTests.accession();
		long patient = fixtures.demoPatient(12);
		var study = fixtures.ctStudy(patient, "Lambert^Zoë", LocalDate.of(2024, 10, 4), accession, 2, 2, "RECONCILED");
		// A new object for the client to store: the patient's MRN, no accession number.
		String mrn = jdbc.sql("select mrn from patient where id = :id")
			.param("id", patient)
			.query(String.class)
			.single();
		String newSop = UIDS.next();
		Path toStore = work.resolve("new.dcm");
		Files.write(toStore, DicomWebFixtures.encode(DicomWebFixtures.ctSlice(mrn, "Lambert^Zoë", UIDS.next(),
				UIDS.next(), newSop, LocalDate.of(2024, 10, 5), null, 1, 1)));
		String output = run(List.of("node", "run.js"),
				java.util.Map.of("DICOMWEB_BASE", "http://127.0.0.1:" + port + "/dicomweb", "DICOMWEB_TOKEN",
						FhirTestSupport.token(port, "radiographer"), "ACCESSION", accession, "STUDY", study.studyUid(),
						"SERIES", study.seriesUids().get(1), "INSTANCE", study.instanceUids().get(2), "STORE_FILE",
						toStore.toString()),
				120);
		JsonNode result = DicomWebIntegrationTests.JSON.readTree(output.lines().reduce((a, b) -> b).orElseThrow());
		assertThat(result.get("studies").get(0).asString()).isEqualTo(study.studyUid());
		assertThat(result.get("patientName").asString()).isEqualTo("Lambert^Zoë");
		assertThat(result.get("series")).hasSize(2);
		assertThat(result.get("metadataInstances")).hasSize(4);
		assertThat(result.get("metadataInstances").get(0).asString()).isEqualTo(study.instanceUids().get(0));
		assertThat(result.get("pixelDataBulk").asString()).endsWith("/frames/1");
		assertThat(result.get("instanceSha256").asString()).isEqualTo(HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(study.files().get(2)))));
		assertThat(result.get("frameBytes").get(0).asInt()).isEqualTo(64 * 64 * 2);
		assertThat(
				result.get("stored").get("00081199").get("Value").get(0).get("00081155").get("Value").get(0).asString())
			.isEqualTo(newSop);
		assertThat(jdbc.sql("select count(*) from pacs_instance where sop_instance_uid = :uid")
			.param("uid", newSop)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private String run(List<String> command, java.util.Map<String, String> env, int seconds) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
		builder.environment().putAll(env);
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
		String text = new String(output, java.nio.charset.StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as("%s: %s", command, text).isZero();
		return text;
	}

}
