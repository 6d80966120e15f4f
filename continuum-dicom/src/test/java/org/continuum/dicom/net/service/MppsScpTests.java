package org.continuum.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.UidGenerator;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.NResponse;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.testing.TestMppsStore;
import org.continuum.dicom.testing.TestScp;
import org.continuum.dicom.testing.TestWorklist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our MPPS SCU against our MPPS SCP in process (PS3.4 §F.7), the rules of §F.7.2. */
class MppsScpTests {

	private static final String MPPS = Uid.MODALITY_PERFORMED_PROCEDURE_STEP;

	private static final LocalDateTime START = LocalDateTime.of(2024, 3, 1, 9, 30, 0);

	private final TestMppsStore store = new TestMppsStore();

	private TestScp scp;

	private Association as;

	@BeforeEach
	void connect() throws Exception {
		scp = new TestScp(AssociationSettings.defaults("RIS"), new MppsScp(store.handler));
		as = new AssociationRequest("CT01", "RIS").addContext(MPPS, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
			.connect("127.0.0.1", scp.port(), AssociationSettings.defaults("CT01"));
	}

	@AfterEach
	void close() throws Exception {
		as.close();
		scp.close();
	}

	static Attributes inProgress() {
		Attributes item = TestWorklist.worklistItem("Lemaire^Chloé", "CT", "20240301");
		item.setString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.1.1");
		return MppsScu.inProgress(item, "CT01", "PPS-1", START);
	}

	private static String newUid() {
		return UidGenerator.uuidBased().next();
	}

	@Test
	void createsInProgressThenCompletesAStep() throws Exception {
		String uid = newUid();
		NResponse created = as.nCreate(MPPS, uid, inProgress());
		assertThat(created.status()).isZero();
		assertThat(created.affectedSopInstanceUid()).isEqualTo(uid);
		assertThat(store.step(uid).getString(Tag.PerformedProcedureStepStatus)).isEqualTo("IN PROGRESS");
		assertThat(
				store.step(uid).getSequence(Tag.ScheduledStepAttributesSequence).get(0).getString(Tag.AccessionNumber))
			.isEqualTo("ACC-CT");

		Attributes series = new Attributes();
		series.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4");
		NResponse completed = as.nSet(MPPS, uid,
				MppsScu.end(PerformedProcedureStepStatus.COMPLETED, START.plusMinutes(20), List.of(series)));
		assertThat(completed.status()).isZero();
		assertThat(completed.affectedSopInstanceUid()).isEqualTo(uid);
		Attributes stored = store.step(uid);
		assertThat(stored.getString(Tag.PerformedProcedureStepStatus)).isEqualTo("COMPLETED");
		assertThat(stored.getString(Tag.PerformedProcedureStepEndTime)).isEqualTo("095000");
		assertThat(stored.getString(Tag.PatientName)).isEqualTo("Lemaire^Chloé");
		assertThat(stored.getSequence(Tag.PerformedSeriesSequence).get(0).getString(Tag.SeriesInstanceUID))
			.isEqualTo("1.2.3.4");
	}

	@Test
	void refusesACreationThatIsNotInProgress() throws Exception {
		Attributes attrs = inProgress();
		attrs.setString(Tag.PerformedProcedureStepStatus, VR.CS, "COMPLETED");
		NResponse rsp = as.nCreate(MPPS, newUid(), attrs);
		assertThat(rsp.status()).isEqualTo(Status.INVALID_ATTRIBUTE_VALUE.code());
		assertThat(rsp.attributeIdentifiers()).containsExactly(Tag.PerformedProcedureStepStatus);
		assertThat(store.size()).isZero();
	}

	@Test
	void refusesACreationWithoutSopInstanceUid() throws Exception {
		NResponse rsp = as.nCreate(MPPS, null, inProgress());
		assertThat(rsp.status()).isEqualTo(Status.INVALID_OBJECT_INSTANCE.code());
		assertThat(rsp.errorComment()).contains("SOP Instance UID");
		assertThat(store.size()).isZero();
	}

	@Test
	void refusesACreationLackingRequiredAttributes() throws Exception {
		Attributes attrs = inProgress();
		attrs.remove(Tag.PerformedProcedureStepID);
		attrs.remove(Tag.Modality);
		NResponse missing = as.nCreate(MPPS, newUid(), attrs);
		assertThat(missing.status()).isEqualTo(Status.MISSING_ATTRIBUTE.code());
		assertThat(missing.attributeIdentifiers()).containsExactlyInAnyOrder(Tag.PerformedProcedureStepID,
				Tag.Modality);
		Attributes empty = inProgress();
		empty.setString(Tag.PerformedStationAETitle, VR.AE, "");
		assertThat(as.nCreate(MPPS, newUid(), empty).status()).isEqualTo(Status.MISSING_ATTRIBUTE_VALUE.code());
		assertThat(store.size()).isZero();
	}

	@Test
	void refusesADuplicateCreation() throws Exception {
		String uid = newUid();
		assertThat(as.nCreate(MPPS, uid, inProgress()).status()).isZero();
		assertThat(as.nCreate(MPPS, uid, inProgress()).status()).isEqualTo(Status.DUPLICATE_SOP_INSTANCE.code());
	}

	@Test
	void refusesToSetAnUnknownStep() throws Exception {
		NResponse rsp = as.nSet(MPPS, newUid(),
				MppsScu.end(PerformedProcedureStepStatus.DISCONTINUED, START, List.of()));
		assertThat(rsp.status()).isEqualTo(Status.NO_SUCH_SOP_INSTANCE.code());
	}

	@Test
	void refusesToUpdateAStepThatEnded() throws Exception {
		String uid = newUid();
		as.nCreate(MPPS, uid, inProgress());
		assertThat(
				as.nSet(MPPS, uid, MppsScu.end(PerformedProcedureStepStatus.DISCONTINUED, START, List.of())).status())
			.isZero();
		NResponse again = as.nSet(MPPS, uid, MppsScu.end(PerformedProcedureStepStatus.COMPLETED, START, List.of()));
		assertThat(again.status()).isEqualTo(Status.PROCESSING_FAILURE.code());
		assertThat(again.errorId()).isEqualTo(MppsRequest.MAY_NO_LONGER_BE_UPDATED);
		assertThat(again.errorComment()).contains("may no longer be updated");
		assertThat(store.step(uid).getString(Tag.PerformedProcedureStepStatus)).isEqualTo("DISCONTINUED");
	}

	@Test
	void refusesAnUnknownStatusAndAChangeToAnAttributeThatMayNotBeSet() throws Exception {
		String uid = newUid();
		as.nCreate(MPPS, uid, inProgress());
		Attributes bad = new Attributes();
		bad.setString(Tag.PerformedProcedureStepStatus, VR.CS, "DONE");
		assertThat(as.nSet(MPPS, uid, bad).status()).isEqualTo(Status.INVALID_ATTRIBUTE_VALUE.code());
		Attributes same = new Attributes();
		same.setString(Tag.Modality, VR.CS, "CT");
		assertThat(as.nSet(MPPS, uid, same).status()).isZero();
		Attributes other = new Attributes();
		other.setString(Tag.Modality, VR.CS, "MR");
		NResponse rsp = as.nSet(MPPS, uid, other);
		assertThat(rsp.status()).isEqualTo(Status.INVALID_ATTRIBUTE_VALUE.code());
		assertThat(rsp.attributeIdentifiers()).containsExactly(Tag.Modality);
		assertThat(store.step(uid).getString(Tag.Modality)).isEqualTo("CT");
	}

	@Test
	void answersProcessingFailureWithoutInternalsWhenTheHandlerFails() throws Exception {
		try (var failing = new TestScp(AssociationSettings.defaults("RIS"), new MppsScp(request -> {
			throw new IllegalStateException("connection to db-host refused");
		}));
				Association other = new AssociationRequest("CT01", "RIS")
					.addContext(MPPS, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
					.connect("127.0.0.1", failing.port(), AssociationSettings.defaults("CT01"))) {
			NResponse rsp = other.nCreate(MPPS, newUid(), inProgress());
			assertThat(rsp.status()).isEqualTo(Status.PROCESSING_FAILURE.code());
			assertThat(rsp.errorComment()).doesNotContain("db-host").doesNotContain("Exception");
		}
	}

	@Test
	void keepsNothingOfAnNCreateAbortedInTheMiddleOfItsDataSet() throws Exception {
		Attributes big = inProgress();
		big.setBytes(org.continuum.dicom.data.Tags.of(0x0009, 0x1001), VR.OB, new byte[300_000]);
		big.setString(org.continuum.dicom.data.Tags.of(0x0009, 0x0010), VR.LO, "TEST");
		var encoded = new java.io.ByteArrayOutputStream();
		org.continuum.dicom.net.Commands.encodeDataSet(big, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), encoded);
		byte[] bytes = encoded.toByteArray();
		var command = org.continuum.dicom.net.Commands.nRequest(org.continuum.dicom.net.CommandField.N_CREATE_RQ,
				as.nextMessageId(), MPPS, newUid(), 0, true);
		try {
			as.send(as.acceptedContext(MPPS).id(), command, out -> {
				out.write(bytes, 0, bytes.length / 2);
				out.flush();
				throw new java.io.IOException("modality switched off");
			});
		}
		catch (java.io.IOException expected) {
			as.abort(org.continuum.dicom.net.pdu.AAbort.Reason.NOT_SPECIFIED);
		}
		try (Association next = new AssociationRequest("CT01", "RIS")
			.addContext(MPPS, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
			.connect("127.0.0.1", scp.port(), AssociationSettings.defaults("CT01"))) {
			String uid = newUid();
			assertThat(next.nCreate(MPPS, uid, inProgress()).status()).isZero();
			assertThat(store.size()).isEqualTo(1);
			assertThat(store.step(uid)).isNotNull();
		}
	}

	@Test
	void answersSopClassNotSupportedForAnNActionOnMpps() throws Exception {
		NResponse rsp = as.nAction(MPPS, newUid(), 1, null);
		assertThat(rsp.status()).isEqualTo(Status.SOP_CLASS_NOT_SUPPORTED.code());
	}

}
