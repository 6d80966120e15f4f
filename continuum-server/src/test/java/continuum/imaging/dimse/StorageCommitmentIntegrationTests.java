package continuum.imaging.dimse;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.DicomAe;
import continuum.imaging.DicomPeer;
import continuum.imaging.DicomPeers;
import continuum.imaging.pacs.PacsFixtures;
import continuum.lab.LabFixtures;
import continuum.patients.PatientService;
import continuum.web.WebSession;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.DicomServer;
import org.continuum.dicom.net.service.DimseStatusException;
import org.continuum.dicom.net.service.FailedSop;
import org.continuum.dicom.net.service.ReferencedSop;
import org.continuum.dicom.net.service.StorageCommitmentReportReceiver;
import org.continuum.dicom.net.service.StorageCommitmentResult;
import org.continuum.dicom.net.service.StorageCommitmentScu;
import org.continuum.dicom.net.service.StoreScu;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Storage commitment (PS3.4 Annex J) on the server's AE: instances the PACS holds are
 * committed and an unknown one fails with 0112, the report coming back on the requestor's
 * association or, once it is released, on a new association the server opens to the
 * peer's listening AE — kept and retried in the background while that AE is down, shown
 * on the peers page, given up after its time; a peer not allowed to ask is refused with
 * 0124.
 */
@ContinuumIntegrationTest
class StorageCommitmentIntegrationTests {

	@Autowired
	DicomAe ae;

	@Autowired
	DicomPeers peers;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CommitmentReports reports;

	@LocalServerPort
	int port;

	final List<ReferencedSop> stored = new ArrayList<>();

	@BeforeEach
	void twoStoredInstances() throws IOException {
		var id = patients.idsForDemo(9).get(8);
		String mrn = patients.get(id).mrn();
		var order = PacsFixtures.order(jdbc, id.value());
		String series = PacsFixtures.uid();
		try (Association as = connect("MODALITY1", Uid.CT_IMAGE_STORAGE)) {
			for (int i = 0; i < 2; i++) {
				Attributes ct = PacsFixtures.ct(mrn, order.accessionNumber(), order.studyInstanceUid(), series,
						PacsFixtures.uid(), 1024);
				assertThat(StoreScu.store(as, ct)).isZero();
				stored.add(new ReferencedSop(Uid.CT_IMAGE_STORAGE, ct.getString(Tag.SOPInstanceUID)));
			}
		}
	}

	@Test
	void commitsHeldInstancesOnTheSameAssociationAndFailsUnknownOnes() throws Exception {
		var unknown = new ReferencedSop(Uid.CT_IMAGE_STORAGE, PacsFixtures.uid());
		var refs = new ArrayList<>(stored);
		refs.add(unknown);
		String tx = PacsFixtures.uid();
		StorageCommitmentResult result;
		try (Association as = connect("MODALITY1", Uid.STORAGE_COMMITMENT_PUSH_MODEL)) {
			result = StorageCommitmentScu.commit(as, tx, refs);
		}
		assertThat(result.transactionUid()).isEqualTo(tx);
		assertThat(result.committed()).containsExactlyInAnyOrderElementsOf(stored);
		assertThat(result.failed()).extracting(FailedSop::sop).containsExactly(unknown);
		assertThat(result.failed()).extracting(FailedSop::reasonCode).containsExactly(0x0112);
		assertThat(result.eventTypeId()).isEqualTo(StorageCommitmentResult.FAILURES_EXIST);
	}

	@Test
	void reportsOnANewAssociationOnceTheRequestorHasReleased() throws Exception {
		BlockingQueue<StorageCommitmentResult> reports = new LinkedBlockingQueue<>();
		String title = "STGCMT" + (System.nanoTime() % 100000);
		try (DicomServer listener = new DicomServer(AssociationSettings.defaults(title),
				List.of(new StorageCommitmentReportReceiver(reports::add)))
			.start(InetAddress.getLoopbackAddress(), 0)) {
			LabFixtures.as("IT_OPERATIONS", () -> {
				peers.save(new DicomPeer(title, "127.0.0.1", listener.port(), false, true, false, false, false, false,
						true, false, "storage commitment SCU"));
				return null;
			});
			String tx = PacsFixtures.uid();
			try (Association as = connect(title, Uid.STORAGE_COMMITMENT_PUSH_MODEL)) {
				StorageCommitmentScu.request(as, tx, stored);
			}
			StorageCommitmentResult report = reports.poll(30, TimeUnit.SECONDS);
			assertThat(report).isNotNull();
			assertThat(report.transactionUid()).isEqualTo(tx);
			assertThat(report.committed()).containsExactlyInAnyOrderElementsOf(stored);
			assertThat(report.failed()).isEmpty();
			assertThat(report.eventTypeId()).isEqualTo(StorageCommitmentResult.ALL_SUCCESSFUL);
		}
	}

	@Test
	void keepsAReportForARequestorThatIsDownAndDeliversItOnceItListens() throws Exception {
		int listenerPort = freePort();
		String title = "STGDOWN" + (System.nanoTime() % 10000);
		LabFixtures.as("IT_OPERATIONS", () -> {
			peers.save(new DicomPeer(title, "127.0.0.1", listenerPort, false, true, false, false, false, false, true,
					false, "storage commitment SCU, down at first"));
			return null;
		});
		String tx = PacsFixtures.uid();
		try (Association as = connect(title, Uid.STORAGE_COMMITMENT_PUSH_MODEL)) {
			StorageCommitmentScu.request(as, tx, stored);
		}
		UndeliveredReport kept = await().atMost(Duration.ofSeconds(30))
			.until(() -> undelivered(tx), report -> report != null && report.attempts() >= 1);
		assertThat(kept.aeTitle()).isEqualTo(title);
		assertThat(kept.pending()).isTrue();
		assertThat(kept.committed()).isEqualTo(2);
		assertThat(kept.lastError()).startsWith("association-failed: 127.0.0.1:" + listenerPort);
		assertThat(kept.nextAttemptAt()).isAfter(kept.lastAttemptAt());

		BlockingQueue<StorageCommitmentResult> reports = new LinkedBlockingQueue<>();
		try (DicomServer listener = new DicomServer(AssociationSettings.defaults(title),
				List.of(new StorageCommitmentReportReceiver(reports::add)))
			.start(InetAddress.getLoopbackAddress(), listenerPort)) {
			StorageCommitmentResult report = reports.poll(60, TimeUnit.SECONDS);
			assertThat(report).as("the report, retried in the background once the peer listens").isNotNull();
			assertThat(report.transactionUid()).isEqualTo(tx);
			assertThat(report.committed()).containsExactlyInAnyOrderElementsOf(stored);
			assertThat(report.eventTypeId()).isEqualTo(StorageCommitmentResult.ALL_SUCCESSFUL);
			// The listener stays up until the sender has had its answer: closed at once,
			// it
			// could drop the N-EVENT-REPORT response, and the sender would rightly keep
			// the
			// report for its next attempt.
			await().atMost(Duration.ofSeconds(30)).until(() -> undelivered(tx) == null);
		}
	}

	@Test
	void showsUndeliveredReportsOnThePeersPageAndGivesUpAfterItsTime() throws Exception {
		String title = "STGGONE" + (System.nanoTime() % 10000);
		int nobody = freePort();
		LabFixtures.as("IT_OPERATIONS", () -> {
			peers.save(new DicomPeer(title, "127.0.0.1", nobody, false, true, false, false, false, false, true, false,
					"storage commitment SCU that never listens"));
			return null;
		});
		String tx = PacsFixtures.uid();
		try (Association as = connect(title, Uid.STORAGE_COMMITMENT_PUSH_MODEL)) {
			StorageCommitmentScu.request(as, tx, stored);
		}
		UndeliveredReport kept = await().atMost(Duration.ofSeconds(30))
			.until(() -> undelivered(tx), report -> report != null && report.attempts() >= 1);
		// A report past its time: the next failed attempt gives it up.
		jdbc.sql("update imaging_commitment_report set created_at = created_at - interval '2 days', "
				+ "next_attempt_at = now() where id = :id")
			.param("id", kept.id())
			.update();
		UndeliveredReport failed = await().atMost(Duration.ofSeconds(30))
			.until(() -> undelivered(tx), report -> report != null && !report.pending());
		assertThat(failed.state()).isEqualTo("failed");
		assertThat(failed.lastError()).startsWith("association-failed");

		var page = WebSession.signIn(port, "itops").get("/imaging/peers");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Storage commitment reports not delivered")
			.contains(tx)
			.contains("<td class=\"state\">failed</td>")
			.contains("association-failed");
		assertThat(WebSession.signIn(port, "physician").get("/imaging/peers").statusCode()).isEqualTo(403);

		LabFixtures.as("IT_OPERATIONS", () -> {
			reports.retry(failed.id());
			return null;
		});
		UndeliveredReport retried = await().atMost(Duration.ofSeconds(30))
			.until(() -> undelivered(tx), report -> report.attempts() > failed.attempts());
		assertThat(retried.state()).as("one more attempt, still past its time").isEqualTo("failed");
		jdbc.sql("delete from imaging_commitment_report where id = :id").param("id", kept.id()).update();
	}

	private static int freePort() throws IOException {
		try (var probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return probe.getLocalPort();
		}
	}

	private UndeliveredReport undelivered(String transactionUid) {
		return LabFixtures.as("IT_OPERATIONS", () -> reports.undelivered())
			.stream()
			.filter(report -> report.transactionUid().equals(transactionUid))
			.findFirst()
			.orElse(null);
	}

	@Test
	void refusesAPeerThatMayNotAskForCommitment() throws Exception {
		String title = "NOCOMMIT" + (System.nanoTime() % 10000);
		LabFixtures.as("IT_OPERATIONS", () -> {
			peers.save(new DicomPeer(title, "127.0.0.1", 104, false, true, true, false, false, false, false, false,
					"may store, not commit"));
			return null;
		});
		try (Association as = connect(title, Uid.STORAGE_COMMITMENT_PUSH_MODEL)) {
			assertThatThrownBy(() -> StorageCommitmentScu.request(as, PacsFixtures.uid(), stored))
				.isInstanceOfSatisfying(DimseStatusException.class, e -> assertThat(e.status()).isEqualTo(0x0124));
		}
	}

	private Association connect(String callingAe, String sopClass) throws IOException {
		var rq = new AssociationRequest(callingAe, ae.aeTitle()).addContext(sopClass,
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
		return rq.connect("127.0.0.1", ae.port(), AssociationSettings.defaults(callingAe));
	}

}
