package org.continuum.dicom.net.service;

import java.io.IOException;
import java.util.List;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.NResponse;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.pdu.AAbort;

/**
 * Storage Commitment Push Model SOP Class as SCU (PS3.4 §J.3): sends the Request Storage
 * Commitment N-ACTION and, if asked to, waits for the N-EVENT-REPORT on the same
 * association (§J.3.3.1). To receive reports on associations the SCP opens (§J.3.3.2),
 * serve a {@link StorageCommitmentReportReceiver} on a listening AE the SCP knows.
 */
public final class StorageCommitmentScu {

	private StorageCommitmentScu() {
	}

	/**
	 * Sends the N-ACTION; a status other than Success raises
	 * {@link DimseStatusException}.
	 */
	public static void request(Association association, String transactionUid, List<ReferencedSop> references)
			throws IOException {
		var rq = new StorageCommitmentRequest(association.callingAeTitle(), transactionUid, references);
		NResponse rsp = association.nAction(Uid.STORAGE_COMMITMENT_PUSH_MODEL,
				Uid.STORAGE_COMMITMENT_PUSH_MODEL_INSTANCE, StorageCommitmentRequest.ACTION_TYPE_ID,
				rq.toActionInformation());
		if (rsp.status() != Status.SUCCESS.code()) {
			throw new DimseStatusException("N-ACTION Request Storage Commitment", rsp.status());
		}
	}

	/**
	 * Waits (up to the association's idle timeout) for the storage commitment
	 * N-EVENT-REPORT-RQ on this association, answers it with Success and returns the
	 * report. The peer releasing or sending anything else raises an {@link IOException}.
	 */
	public static StorageCommitmentResult awaitReport(Association association) throws IOException {
		DimseMessage rq = association.receive();
		if (rq == null) {
			throw new IOException("the peer released the association before sending the storage commitment report");
		}
		if (rq.commandField() != CommandField.N_EVENT_REPORT_RQ
				|| !Uid.STORAGE_COMMITMENT_PUSH_MODEL.equals(rq.affectedSopClassUid())) {
			association.abort(AAbort.Reason.NOT_SPECIFIED);
			throw new IOException("expected a storage commitment N-EVENT-REPORT-RQ, got " + rq.commandField());
		}
		return StorageCommitmentReportReceiver.answer(association, rq);
	}

	/** {@link #request} then {@link #awaitReport} on the same association. */
	public static StorageCommitmentResult commit(Association association, String transactionUid,
			List<ReferencedSop> references) throws IOException {
		request(association, transactionUid, references);
		return awaitReport(association);
	}

}
