package org.continuum.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.NResponse;
import org.continuum.dicom.net.RemoteAe;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.pdu.AAbort;
import org.continuum.dicom.testing.TestScp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Our Storage Commitment SCU against our SCP in process (PS3.4 §J.3): the report on the
 * same association, on a new one to the SCU's listening AE (at once, or later through a
 * delivery that keeps it while the SCU is down), and bad requests.
 */
class StorageCommitmentTests {

	private static final String SC = Uid.STORAGE_COMMITMENT_PUSH_MODEL;

	private static final ReferencedSop HELD = new ReferencedSop(Uid.CT_IMAGE_STORAGE, "1.2.3.1");

	private static final ReferencedSop ALSO_HELD = new ReferencedSop(Uid.CT_IMAGE_STORAGE, "1.2.3.2");

	private static final ReferencedSop UNKNOWN = new ReferencedSop(Uid.CT_IMAGE_STORAGE, "1.2.3.9");

	/** A PACS holding HELD and ALSO_HELD. */
	static final StorageCommitmentHandler PACS = request -> {
		List<ReferencedSop> committed = new ArrayList<>();
		List<FailedSop> failed = new ArrayList<>();
		for (ReferencedSop r : request.references()) {
			if (Set.of(HELD, ALSO_HELD).contains(r)) {
				committed.add(r);
			}
			else {
				failed.add(new FailedSop(r, CommitmentFailureReason.NO_SUCH_OBJECT_INSTANCE));
			}
		}
		return new StorageCommitmentResult(request.transactionUid(), committed, failed);
	};

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final BlockingQueue<StorageCommitmentResult> reports = new LinkedBlockingQueue<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable c : closeables) {
			c.close();
		}
	}

	/** Our SCP, which knows the SCU's listening AE (if any) as peer "MODALITY". */
	private TestScp scp(StorageCommitmentHandler handler, int modalityPort) throws Exception {
		var settings = AssociationSettings.defaults("PACS")
			.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))
			.withKnownPeers(modalityPort == 0 ? Map.of()
					: Map.of("MODALITY", new RemoteAe("MODALITY", "127.0.0.1", modalityPort)), true);
		var scp = new TestScp(settings, new StorageCommitmentScp(settings, handler));
		closeables.add(scp);
		return scp;
	}

	/** The modality's own listening AE, receiving reports into {@link #reports}. */
	private TestScp modalityListener() throws Exception {
		var listener = new TestScp(AssociationSettings.defaults("MODALITY"),
				new StorageCommitmentReportReceiver(reports::add));
		closeables.add(listener);
		return listener;
	}

	private static Association connect(TestScp scp) throws Exception {
		return new AssociationRequest("MODALITY", "PACS").addContext(SC, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
			.connect("127.0.0.1", scp.port(), AssociationSettings.defaults("MODALITY")
				.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
	}

	@Test
	void reportsOnTheSameAssociationWhichInstancesAreCommitted() throws Exception {
		var scp = scp(PACS, 0);
		try (Association as = connect(scp)) {
			StorageCommitmentResult all = StorageCommitmentScu.commit(as, "2.25.1", List.of(HELD, ALSO_HELD));
			assertThat(all.transactionUid()).isEqualTo("2.25.1");
			assertThat(all.eventTypeId()).isEqualTo(StorageCommitmentResult.ALL_SUCCESSFUL);
			assertThat(all.committed()).containsExactly(HELD, ALSO_HELD);

			StorageCommitmentResult some = StorageCommitmentScu.commit(as, "2.25.2", List.of(HELD, UNKNOWN));
			assertThat(some.eventTypeId()).isEqualTo(StorageCommitmentResult.FAILURES_EXIST);
			assertThat(some.committed()).containsExactly(HELD);
			assertThat(some.failed())
				.containsExactly(new FailedSop(UNKNOWN, CommitmentFailureReason.NO_SUCH_OBJECT_INSTANCE));
		}
	}

	@Test
	void reportsOnANewAssociationToTheRequestorWhenItReleasedFirst() throws Exception {
		var listener = modalityListener();
		var scp = scp(PACS, listener.port());
		try (Association as = connect(scp)) {
			StorageCommitmentScu.request(as, "2.25.3", List.of(HELD, UNKNOWN));
		}
		StorageCommitmentResult report = reports.poll(10, TimeUnit.SECONDS);
		assertThat(report).isNotNull();
		assertThat(report.transactionUid()).isEqualTo("2.25.3");
		assertThat(report.committed()).containsExactly(HELD);
		assertThat(report.failed()).extracting(FailedSop::reasonCode).containsExactly(0x0112);
	}

	@Test
	void reportsOnANewAssociationWhenTheRequestorAbortsMidOperation() throws Exception {
		var listener = modalityListener();
		var scp = scp(PACS, listener.port());
		Association as = connect(scp);
		as.send(as.acceptedContext(SC).id(),
				org.continuum.dicom.net.Commands.nRequest(org.continuum.dicom.net.CommandField.N_ACTION_RQ, 1, SC,
						Uid.STORAGE_COMMITMENT_PUSH_MODEL_INSTANCE, 1, true),
				out -> org.continuum.dicom.net.Commands.encodeDataSet(
						new StorageCommitmentRequest("MODALITY", "2.25.4", List.of(ALSO_HELD)).toActionInformation(),
						TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), out));
		as.abort(AAbort.Reason.NOT_SPECIFIED);
		StorageCommitmentResult report = reports.poll(10, TimeUnit.SECONDS);
		assertThat(report).isNotNull();
		assertThat(report.transactionUid()).isEqualTo("2.25.4");
		assertThat(report.committed()).containsExactly(ALSO_HELD);
	}

	@Test
	void handsAReportForANewAssociationToTheDeliveryWhichCanSendItLater() throws Exception {
		BlockingQueue<StorageCommitmentResult> undelivered = new LinkedBlockingQueue<>();
		int modalityPort = org.continuum.dicom.testing.Ports.free();
		var settings = AssociationSettings.defaults("PACS").withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
		var scp = new TestScp(settings, new StorageCommitmentScp(settings, PACS, (aeTitle, result) -> {
			assertThat(aeTitle).isEqualTo("MODALITY");
			undelivered.add(result);
		}));
		closeables.add(scp);
		try (Association as = connect(scp)) {
			StorageCommitmentScu.request(as, "2.25.11", List.of(HELD, UNKNOWN));
		}
		StorageCommitmentResult kept = undelivered.poll(10, TimeUnit.SECONDS);
		assertThat(kept).isNotNull();
		assertThat(reports).isEmpty();

		var modality = new RemoteAe("MODALITY", "127.0.0.1", modalityPort);
		assertThatThrownBy(() -> StorageCommitmentScp.reportOnNewAssociation(settings, modality, kept))
			.isInstanceOf(java.io.IOException.class);
		var listener = new TestScp(AssociationSettings.defaults("MODALITY"),
				new StorageCommitmentReportReceiver(reports::add));
		closeables.add(listener);
		var listening = new RemoteAe("MODALITY", "127.0.0.1", listener.port());
		assertThat(StorageCommitmentScp.reportOnNewAssociation(settings, listening, kept).status()).isZero();
		StorageCommitmentResult report = reports.poll(10, TimeUnit.SECONDS);
		assertThat(report).isNotNull();
		assertThat(report.transactionUid()).isEqualTo("2.25.11");
		assertThat(report.committed()).containsExactly(HELD);
		assertThat(report.failed()).extracting(FailedSop::reasonCode).containsExactly(0x0112);
	}

	@Test
	void failsEveryInstanceWithProcessingFailureWhenTheHandlerFails() throws Exception {
		var scp = scp(request -> {
			throw new java.io.IOException("archive offline");
		}, 0);
		try (Association as = connect(scp)) {
			StorageCommitmentResult report = StorageCommitmentScu.commit(as, "2.25.5", List.of(HELD, UNKNOWN));
			assertThat(report.committed()).isEmpty();
			assertThat(report.failed()).extracting(FailedSop::reasonCode).containsExactly(0x0110, 0x0110);
		}
	}

	@Test
	void refusesAnEmptyReferencedSopSequenceAndSendsNoReport() throws Exception {
		var scp = scp(PACS, 0);
		try (Association as = connect(scp)) {
			Attributes info = new Attributes();
			info.setString(Tag.TransactionUID, VR.UI, "2.25.6");
			info.newSequence(Tag.ReferencedSOPSequence);
			NResponse rsp = as.nAction(SC, Uid.STORAGE_COMMITMENT_PUSH_MODEL_INSTANCE, 1, info);
			assertThat(rsp.status()).isEqualTo(Status.INVALID_ARGUMENT_VALUE.code());
			assertThat(rsp.errorComment()).contains("Referenced SOP Sequence");
			Attributes noTx = new StorageCommitmentRequest("M", "2.25.7", List.of(HELD)).toActionInformation();
			noTx.remove(Tag.TransactionUID);
			assertThat(as.nAction(SC, Uid.STORAGE_COMMITMENT_PUSH_MODEL_INSTANCE, 1, noTx).status())
				.isEqualTo(Status.INVALID_ARGUMENT_VALUE.code());
			Attributes fine = new StorageCommitmentRequest("M", "2.25.8", List.of(HELD)).toActionInformation();
			assertThat(as.nAction(SC, Uid.STORAGE_COMMITMENT_PUSH_MODEL_INSTANCE, 2, fine).status())
				.isEqualTo(Status.NO_SUCH_ACTION_TYPE.code());
			assertThat(as.nAction(SC, "1.2.3", 1, fine).status()).isEqualTo(Status.NO_SUCH_SOP_INSTANCE.code());
			// Still usable: the refusals sent no report.
			assertThat(StorageCommitmentScu.commit(as, "2.25.9", List.of(HELD)).committed()).containsExactly(HELD);
		}
	}

	@Test
	void scuRaisesTheRefusalStatus() throws Exception {
		var scp = scp(PACS, 0);
		try (Association as = connect(scp)) {
			assertThatThrownBy(() -> StorageCommitmentScu.request(as, "2.25.10", List.of()))
				.isInstanceOf(DimseStatusException.class)
				.hasMessageContaining("0x0115");
		}
	}

}
