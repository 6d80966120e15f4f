package org.continuum.dicom.net.service;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.DimseService;
import org.continuum.dicom.net.Status;

/**
 * The Storage Commitment SCU's side of a report sent on a new association (PS3.4
 * §J.3.3.2): served by the SCU's own listening AE, it accepts the Storage Commitment Push
 * Model context the SCP proposes with the SCP role (PS3.7 §D.3.3.4), answers each
 * N-EVENT-REPORT-RQ and passes the report to the handler.
 */
public final class StorageCommitmentReportReceiver implements DimseService {

	private final StorageCommitmentReportHandler handler;

	public StorageCommitmentReportReceiver(StorageCommitmentReportHandler handler) {
		this.handler = handler;
	}

	@Override
	public Set<CommandField> commands() {
		return Set.of(CommandField.N_EVENT_REPORT_RQ);
	}

	@Override
	public boolean supports(String abstractSyntax) {
		return Uid.STORAGE_COMMITMENT_PUSH_MODEL.equals(abstractSyntax);
	}

	@Override
	public List<String> transferSyntaxes(String abstractSyntax) {
		return TransferSyntaxes.UNCOMPRESSED;
	}

	@Override
	public void onRequest(Association association, DimseMessage request) throws IOException {
		StorageCommitmentResult result;
		try {
			result = check(request);
		}
		catch (DimseException e) {
			NResponder.failure(association, request, e);
			return;
		}
		NResponder.success(association, request, null);
		handler.onReport(result);
	}

	/** Answers a report received on an association the SCU requested, and returns it. */
	static StorageCommitmentResult answer(Association association, DimseMessage request) throws IOException {
		try {
			StorageCommitmentResult result = check(request);
			NResponder.success(association, request, null);
			return result;
		}
		catch (DimseException e) {
			NResponder.failure(association, request, e);
			throw new DimseStatusException("storage commitment N-EVENT-REPORT", e.status());
		}
	}

	private static StorageCommitmentResult check(DimseMessage request) throws IOException, DimseException {
		int type = request.typeId();
		if (type != StorageCommitmentResult.ALL_SUCCESSFUL && type != StorageCommitmentResult.FAILURES_EXIST) {
			throw new DimseException(Status.NO_SUCH_EVENT_TYPE, "no event type " + type);
		}
		return StorageCommitmentResult.fromEventInformation(NResponder.dataSet(request));
	}

}
