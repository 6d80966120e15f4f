package continuum.imaging.pacs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import continuum.imaging.DicomAe;
import continuum.patients.PatientService;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.pdu.AAbort;
import org.continuum.dicom.net.service.FindScu;
import org.continuum.dicom.net.service.StoreScu;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The C-STORE SCP over the PACS: objects are on disk (fsynced, under their UIDs) and
 * indexed before Success, reconciled with the RIS and the patient register or
 * quarantined; objects without their UIDs, with a wrong affected SOP Instance UID, or cut
 * by an abort leave nothing; a second object under a SOP Instance UID follows keep-first;
 * an object that contradicts its reconciled study quarantines it; four associations
 * storing one study at once leave exact counters for C-FIND and QIDO-RS. From the
 * library's SCU and from dcmtk's {@code storescu}.
 */
@ContinuumIntegrationTest
class PacsStoreIntegrationTests {

	@Autowired
	DicomAe ae;

	@Autowired
	PacsStore store;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	long patientId;

	String mrn;

	@BeforeEach
	void patient() {
		var id = patients.idsForDemo(3).get(2);
		patientId = id.value();
		mrn = patients.get(id).mrn();
	}

	@Test
	void storesDurablyIndexesAndReconcilesWithTheOrder() throws Exception {
		var order = PacsFixtures.order(jdbc, patientId);
		String series = PacsFixtures.uid();
		Attributes first = PacsFixtures.ct(mrn, order.accessionNumber(), order.studyInstanceUid(), series,
				PacsFixtures.uid(), 64 * 1024);
		Attributes second = PacsFixtures.ct(mrn, order.accessionNumber(), order.studyInstanceUid(), series,
				PacsFixtures.uid(), 64 * 1024);

		try (Association as = connect()) {
			assertThat(StoreScu.store(as, first)).isZero();
			assertThat(StoreScu.store(as, second)).isZero();
		}

		var study = jdbc.sql("""
				select status, patient_id, requested_procedure_id, series_count, instance_count, modalities[1],
				       sop_classes[1], study_date
				from pacs_study where study_instance_uid = :uid""")
			.param("uid", order.studyInstanceUid())
			.query()
			.singleRow();
		assertThat(study).containsEntry("status", "RECONCILED")
			.containsEntry("patient_id", patientId)
			.containsEntry("requested_procedure_id", order.requestedProcedureId())
			.containsEntry("series_count", 1)
			.containsEntry("instance_count", 2)
			.containsEntry("modalities", "CT")
			.containsEntry("sop_classes", Uid.CT_IMAGE_STORAGE);
		assertThat(study.get("study_date")).hasToString("2026-12-05");
		var instance = jdbc.sql("""
				select file_path, file_size, sha256, source_ae, rows, bits_allocated, transfer_syntax_uid
				from pacs_instance where sop_instance_uid = :uid""")
			.param("uid", first.getString(Tag.SOPInstanceUID))
			.query()
			.singleRow();
		Path file = store.root().resolve((String) instance.get("file_path"));
		assertThat(file).hasFileName(first.getString(Tag.SOPInstanceUID) + ".dcm")
			.hasParent(store.root().resolve(order.studyInstanceUid()).resolve(series));
		assertThat(instance).containsEntry("source_ae", "TESTSCU")
			.containsEntry("file_size", Files.size(file))
			.containsEntry("rows", 181)
			.containsEntry("bits_allocated", 16)
			.containsEntry("transfer_syntax_uid", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
		assertThat((byte[]) instance.get("sha256"))
			.isEqualTo(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		try (var in = Files.newInputStream(file); var dis = DicomInputStream.openFile(in)) {
			assertThat(dis.readDataset()).isEqualTo(first);
		}
		assertThat(jdbc.sql(
				"select count(*) from pacs_patient where dicom_patient_id = :mrn and patient_name_match = 'TEST^HELENE'")
			.param("mrn", mrn)
			.query(Integer.class)
			.single()).isOne();
		assertThat(jdbc.sql("""
				select count(*) from audit_log where resource_type = 'ImagingStudy' and patient_id = :patient
				and action = 'CREATE'""").param("patient", String.valueOf(patientId)).query(Integer.class).single())
			.isGreaterThanOrEqualTo(2);
		assertThat(store.holds(first.getString(Tag.SOPInstanceUID), Uid.CT_IMAGE_STORAGE)).isTrue();
		assertThat(store.holds(first.getString(Tag.SOPInstanceUID), Uid.MR_IMAGE_STORAGE)).isFalse();
	}

	@Test
	void concurrentAssociationsCountEveryInstanceOfOneStudy() throws Exception {
		var order = PacsFixtures.order(jdbc, patientId);
		List<String> series = List.of(PacsFixtures.uid(), PacsFixtures.uid());
		int associations = 4;
		int perAssociation = 12;
		var start = new CountDownLatch(1);
		var pool = Executors.newFixedThreadPool(associations);
		try {
			List<Future<List<Integer>>> sent = new ArrayList<>();
			for (int a = 0; a < associations; a++) {
				sent.add(pool.submit(() -> {
					List<Integer> statuses = new ArrayList<>();
					try (Association as = connect()) {
						start.await();
						for (int i = 0; i < perAssociation; i++) {
							statuses.add(StoreScu.store(as, PacsFixtures.ct(mrn, order.accessionNumber(),
									order.studyInstanceUid(), series.get(i % 2), PacsFixtures.uid(), 1024)));
						}
					}
					return statuses;
				}));
			}
			start.countDown();
			for (var f : sent) {
				assertThat(f.get(2, TimeUnit.MINUTES)).hasSize(perAssociation).containsOnly(0);
			}
		}
		finally {
			pool.shutdownNow();
		}
		int total = associations * perAssociation;

		assertThat(jdbc.sql("select instance_count from pacs_series where series_instance_uid in (:uids)")
			.param("uids", series)
			.query(Integer.class)
			.list()).containsExactly(total / 2, total / 2);
		Attributes keys = new Attributes();
		keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
		keys.setString(Tag.StudyInstanceUID, VR.UI, order.studyInstanceUid());
		keys.setString(Tag.NumberOfStudyRelatedInstances, VR.IS, "");
		keys.setString(Tag.NumberOfStudyRelatedSeries, VR.IS, "");
		keys.setString(Tag.ModalitiesInStudy, VR.CS, "");
		List<Attributes> found;
		try (Association as = connect(Uid.STUDY_ROOT_QR_FIND)) {
			found = FindScu.findAll(as, Uid.STUDY_ROOT_QR_FIND, keys);
		}
		assertThat(found).singleElement().satisfies(study -> {
			assertThat(study.getString(Tag.NumberOfStudyRelatedInstances)).isEqualTo(String.valueOf(total));
			assertThat(study.getString(Tag.NumberOfStudyRelatedSeries)).isEqualTo("2");
			assertThat(study.getString(Tag.ModalitiesInStudy)).isEqualTo("CT");
		});

		HttpResponse<String> qido = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create(
						"http://127.0.0.1:" + port + "/dicomweb/studies?StudyInstanceUID=" + order.studyInstanceUid()))
				.header("Authorization", "Bearer " + FhirTestSupport.token(port, "radiologist"))
				.header("Accept", "application/dicom+json")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(qido.statusCode()).isEqualTo(200);
		JsonNode study = JsonMapper.builder().build().readTree(qido.body()).get(0);
		assertThat(study.get("00201208").get("Value").get(0).asInt()).isEqualTo(total);
		assertThat(study.get("00201206").get("Value").get(0).asInt()).isEqualTo(2);
		assertThat(jdbc.sql("""
				select count(*) from audit_log where resource_type = 'ImagingStudy' and action = 'CREATE'
				and resource_id = (select cast(id as varchar) from pacs_study where study_instance_uid = :uid)""")
			.param("uid", order.studyInstanceUid())
			.query(Integer.class)
			.single()).isEqualTo(total);
	}

	@Test
	void quarantinesAReconciledStudyWhenALaterObjectContradictsIt() throws Exception {
		var order = PacsFixtures.order(jdbc, patientId);
		String series = PacsFixtures.uid();
		try (Association as = connect()) {
			assertThat(StoreScu.store(as, PacsFixtures.ct(mrn, order.accessionNumber(), order.studyInstanceUid(),
					series, PacsFixtures.uid(), 1024)))
				.isZero();
			assertThat(studyStatus(order.studyInstanceUid())).isEqualTo("RECONCILED");
			assertThat(StoreScu.store(as, PacsFixtures.ct(mrn, "X" + order.accessionNumber(), order.studyInstanceUid(),
					series, PacsFixtures.uid(), 1024)))
				.isZero();
		}
		assertThat(studyStatus(order.studyInstanceUid())).isEqualTo("QUARANTINED");
		assertThat(quarantine(order.studyInstanceUid())).isEqualTo("INCONSISTENT_STUDY");
		assertThat(jdbc.sql("select instance_count from pacs_study where study_instance_uid = :uid")
			.param("uid", order.studyInstanceUid())
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void quarantinesAnUnknownAccessionAndAPatientWhoIsNotTheOrders() throws Exception {
		String unknownAccessionStudy = PacsFixtures.uid();
		var order = PacsFixtures.order(jdbc, patientId);
		String otherMrn = patients.get(patients.idsForDemo(5).get(4)).mrn();
		try (Association as = connect()) {
			assertThat(StoreScu.store(as, PacsFixtures.ct(mrn, "NOSUCHACC", unknownAccessionStudy, PacsFixtures.uid(),
					PacsFixtures.uid(), 1024)))
				.isZero();
			assertThat(StoreScu.store(as, PacsFixtures.ct(otherMrn, order.accessionNumber(), order.studyInstanceUid(),
					PacsFixtures.uid(), PacsFixtures.uid(), 1024)))
				.isZero();
			assertThat(StoreScu.store(as, PacsFixtures.ct("NOT-AN-MRN-" + System.nanoTime() % 1000, "",
					PacsFixtures.uid(), PacsFixtures.uid(), PacsFixtures.uid(), 1024)))
				.isZero();
		}
		assertThat(quarantine(unknownAccessionStudy)).isEqualTo("UNKNOWN_ACCESSION");
		assertThat(quarantine(order.studyInstanceUid())).isEqualTo("PATIENT_MISMATCH");
		assertThat(jdbc.sql("select patient_id from pacs_study where study_instance_uid = :uid")
			.param("uid", order.studyInstanceUid())
			.query(Long.class)
			.optional()).isEmpty();
	}

	@Test
	void refusesObjectsWithoutTheirUidsAndKeepsNothing() throws Exception {
		Attributes noStudy = PacsFixtures.ct(mrn, "", PacsFixtures.uid(), PacsFixtures.uid(), PacsFixtures.uid(), 1024);
		String study = noStudy.getString(Tag.StudyInstanceUID);
		noStudy.remove(Tag.StudyInstanceUID);
		Attributes badSeries = PacsFixtures.ct(mrn, "", study, "../../etc", PacsFixtures.uid(), 1024);
		Attributes mismatched = PacsFixtures.ct(mrn, "", study, PacsFixtures.uid(), PacsFixtures.uid(), 1024);
		byte[] encoded = PacsFixtures.encode(mismatched);
		try (Association as = connect()) {
			assertThat(StoreScu.store(as, noStudy)).isEqualTo(0xA900);
			assertThat(StoreScu.store(as, badSeries)).isEqualTo(0xA900);
			assertThat(StoreScu.store(as, Uid.CT_IMAGE_STORAGE, PacsFixtures.uid(),
					TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), out -> out.write(encoded)))
				.isEqualTo(0xC000);
		}
		for (Attributes refused : List.of(noStudy, badSeries, mismatched)) {
			assertThat(indexed(refused.getString(Tag.SOPInstanceUID))).isFalse();
		}
		assertThat(store.root().resolve(study)).doesNotExist();
		assertThat(partialFiles()).isEmpty();
	}

	@Test
	void keepsTheFirstObjectOfASopInstanceUid() throws Exception {
		String study = PacsFixtures.uid();
		String series = PacsFixtures.uid();
		String sop = PacsFixtures.uid();
		Attributes first = PacsFixtures.ct(mrn, "", study, series, sop, 4096);
		Attributes changed = PacsFixtures.ct(mrn, "", study, series, sop, 4096);
		changed.setString(Tag.SeriesDescription, VR.LO, "changed");
		try (Association as = connect()) {
			assertThat(StoreScu.store(as, first)).isZero();
			byte[] sha = sha(sop);
			assertThat(StoreScu.store(as, first)).as("the same bytes again").isZero();
			assertThat(StoreScu.store(as, changed)).as("other bytes: first kept").isEqualTo(0xB000);
			assertThat(sha(sop)).isEqualTo(sha);
		}
		assertThat(jdbc.sql("select instance_count from pacs_study where study_instance_uid = :uid")
			.param("uid", study)
			.query(Integer.class)
			.single()).isOne();
		try (Stream<Path> files = Files.list(store.root().resolve(study).resolve(series))) {
			assertThat(files).hasSize(1);
		}
	}

	@Test
	void anAbortMidTransferLeavesNoFileAndNoRow() throws Exception {
		Attributes object = PacsFixtures.ct(mrn, "", PacsFixtures.uid(), PacsFixtures.uid(), PacsFixtures.uid(),
				512 * 1024);
		byte[] encoded = PacsFixtures.encode(object);
		Association as = connect();
		try {
			StoreScu.store(as, Uid.CT_IMAGE_STORAGE, object.getString(Tag.SOPInstanceUID),
					TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), out -> cutShort(as, out, encoded));
		}
		catch (IOException expected) {
			// the abort ends the exchange
		}
		finally {
			as.close();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> ae.activeAssociations() == 0);
		assertThat(indexed(object.getString(Tag.SOPInstanceUID))).isFalse();
		assertThat(store.root()
			.resolve(object.getString(Tag.StudyInstanceUID))
			.resolve(object.getString(Tag.SeriesInstanceUID))
			.resolve(object.getString(Tag.SOPInstanceUID) + ".dcm")).doesNotExist();
		assertThat(partialFiles()).isEmpty();
	}

	@Test
	void storesFromDcmtk(@TempDir Path folder) throws Exception {
		var order = PacsFixtures.order(jdbc, patientId);
		Attributes object = PacsFixtures.ct(mrn, order.accessionNumber(), order.studyInstanceUid(), PacsFixtures.uid(),
				PacsFixtures.uid(), 128 * 1024);
		Path file = PacsFixtures.writeFile(folder, object);
		var builder = new ProcessBuilder("storescu", "-aet", "DCMTK", "-aec", ae.aeTitle(), "127.0.0.1",
				String.valueOf(ae.port()), file.toString())
			.redirectErrorStream(true);
		builder.environment().put("TCP_NODELAY", "1");
		Process storescu = builder.start();
		assertThat(storescu.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(storescu.getInputStream().readAllBytes());
		assertThat(storescu.exitValue()).as(output).isZero();
		assertThat(indexed(object.getString(Tag.SOPInstanceUID))).isTrue();
		assertThat(jdbc.sql("select status from pacs_study where study_instance_uid = :uid")
			.param("uid", order.studyInstanceUid())
			.query(String.class)
			.single()).isEqualTo("RECONCILED");
	}

	@Test
	void storesAPart10FileForStow() throws Exception {
		Attributes object = PacsFixtures.ct(mrn, "", PacsFixtures.uid(), PacsFixtures.uid(), PacsFixtures.uid(), 2048);
		Path file = PacsFixtures.writeFile(Files.createTempDirectory("stow"), object);
		StoreOutcome outcome;
		try (var in = Files.newInputStream(file)) {
			outcome = store.storePart10(in, "STOW-RS");
		}
		assertThat(outcome.disposition()).isEqualTo(StoreOutcome.Disposition.STORED);
		assertThat(outcome.status()).isZero();
		assertThat(outcome.quarantined()).isFalse();
		StoreOutcome garbage = store.storePart10(new java.io.ByteArrayInputStream(new byte[300]), "STOW-RS");
		assertThat(garbage.disposition()).isEqualTo(StoreOutcome.Disposition.REFUSED);
		assertThat(garbage.status()).isEqualTo(0xC000);
		Files.delete(file);
	}

	private static void cutShort(Association as, OutputStream out, byte[] encoded) throws IOException {
		out.write(encoded, 0, encoded.length / 2);
		out.flush();
		as.abort(AAbort.Reason.NOT_SPECIFIED);
		throw new IOException("aborted by the test");
	}

	private Association connect() throws IOException {
		return connect(Uid.CT_IMAGE_STORAGE);
	}

	private Association connect(String sopClass) throws IOException {
		var rq = new AssociationRequest("TESTSCU", ae.aeTitle()).addContext(sopClass,
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
		return rq.connect("127.0.0.1", ae.port(), AssociationSettings.defaults("TESTSCU"));
	}

	private boolean indexed(String sopInstanceUid) {
		return jdbc.sql("select count(*) from pacs_instance where sop_instance_uid = :uid")
			.param("uid", sopInstanceUid)
			.query(Integer.class)
			.single() > 0;
	}

	private String studyStatus(String studyInstanceUid) {
		return jdbc.sql("select status from pacs_study where study_instance_uid = :uid")
			.param("uid", studyInstanceUid)
			.query(String.class)
			.single();
	}

	private byte[] sha(String sopInstanceUid) {
		return jdbc.sql("select sha256 from pacs_instance where sop_instance_uid = :uid")
			.param("uid", sopInstanceUid)
			.query(byte[].class)
			.single();
	}

	private String quarantine(String studyInstanceUid) {
		return jdbc.sql("""
				select q.reason from pacs_quarantine q join pacs_study s on s.id = q.study_id
				where s.study_instance_uid = :uid and s.status = 'QUARANTINED' and q.resolution is null""")
			.param("uid", studyInstanceUid)
			.query(String.class)
			.single();
	}

	private List<Path> partialFiles() throws IOException {
		try (Stream<Path> files = Files.walk(store.root())) {
			return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
		}
	}

}
