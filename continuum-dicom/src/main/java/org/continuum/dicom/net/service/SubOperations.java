package org.continuum.dicom.net.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.Commands;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.Status;
import org.jspecify.annotations.Nullable;

/**
 * The C-STORE sub-operations of a C-MOVE or C-GET (PS3.4 §C.4.2.1.4-5, §C.4.3.1.4): sends
 * each instance on the store association, answers Pending with the counts after each,
 * honours C-CANCEL, and ends with Success, Warning B000 or Failure A702 plus the Failed
 * SOP Instance UID List (PS3.4 §C.4.2.1.3.2).
 */
final class SubOperations {

	private final Association requestor;

	private final DimseMessage request;

	private int remaining;

	private int completed;

	private int failed;

	private int warning;

	private final List<String> failedUids = new ArrayList<>();

	SubOperations(Association requestor, DimseMessage request, int total) {
		this.requestor = requestor;
		this.request = request;
		this.remaining = total;
	}

	/**
	 * Sends all instances over {@code store}; {@code moveOriginator} is null for C-GET.
	 */
	void run(@Nullable Association store, List<RetrieveInstance> instances, @Nullable String moveOriginator)
			throws IOException {
		for (RetrieveInstance instance : instances) {
			if (Cancellation.requested(requestor, request.messageId())) {
				finish(Status.CANCEL.code());
				return;
			}
			int status;
			try (InputStream data = instance.dataSet().open()) {
				status = StoreScu.storeStream(store, instance.sopClassUid(), instance.sopInstanceUid(),
						instance.transferSyntax(), data, moveOriginator, request.messageId());
			}
			catch (NoPresentationContextException e) {
				status = Status.SOP_CLASS_NOT_SUPPORTED.code();
			}
			remaining--;
			switch (Status.categoryOf(status)) {
				case SUCCESS:
					completed++;
					break;
				case WARNING:
					warning++;
					break;
				default:
					failed++;
					failedUids.add(instance.sopInstanceUid());
			}
			if (remaining > 0) {
				requestor.send(request.contextId(), counts(Status.PENDING.code()), null);
			}
		}
		int status = failed == 0 && warning == 0 ? Status.SUCCESS.code()
				: completed == 0 && warning == 0 ? Status.REFUSED_OUT_OF_RESOURCES_SUBOPERATIONS.code()
						: Status.SUBOPERATIONS_COMPLETE_WITH_FAILURES.code();
		finish(status);
	}

	void failAll(List<RetrieveInstance> instances, int status) throws IOException {
		for (RetrieveInstance i : instances) {
			failedUids.add(i.sopInstanceUid());
		}
		failed = instances.size();
		remaining = 0;
		finish(status);
	}

	private void finish(int status) throws IOException {
		Attributes rsp = counts(status);
		if (failedUids.isEmpty()) {
			requestor.send(request.contextId(), rsp, null);
			return;
		}
		rsp.setInt(Tag.CommandDataSetType, VR.US, Commands.DATA_SET_PRESENT);
		Attributes identifier = new Attributes();
		identifier.setString(Tag.FailedSOPInstanceUIDList, VR.UI, failedUids.toArray(String[]::new));
		String ts = request.transferSyntax();
		requestor.send(request.contextId(), rsp, out -> StoreScu.encode(identifier, ts, out));
	}

	private Attributes counts(int status) {
		Attributes rsp = Commands.response(request.command(), status, false);
		if (Status.categoryOf(status) == Status.Category.PENDING || status == Status.CANCEL.code()) {
			rsp.setInt(Tag.NumberOfRemainingSuboperations, VR.US, remaining);
		}
		rsp.setInt(Tag.NumberOfCompletedSuboperations, VR.US, completed);
		rsp.setInt(Tag.NumberOfFailedSuboperations, VR.US, failed);
		rsp.setInt(Tag.NumberOfWarningSuboperations, VR.US, warning);
		return rsp;
	}

}
