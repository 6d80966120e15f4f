package continuum.imaging.dimse;

import java.io.IOException;
import java.net.InetAddress;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Storage commitment (PS3.4 Annex J) on the server's AE: instances the PACS holds are
 * committed and an unknown one fails with 0112, the report coming back on the requestor's
 * association or, once it is released, on a new association the server opens to the
 * peer's listening AE; a peer not allowed to ask is refused with 0124.
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
