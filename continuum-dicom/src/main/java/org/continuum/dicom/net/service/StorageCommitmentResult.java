package org.continuum.dicom.net.service;

import java.util.ArrayList;
import java.util.List;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Sequence;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one storage commitment transaction, as the N-EVENT-REPORT carries it
 * (PS3.4 §J.3.3): the instances committed and those that failed, with their Failure
 * Reason. Event Type ID 1 when all succeeded, 2 when failures are present.
 */
public record StorageCommitmentResult(String transactionUid, List<ReferencedSop> committed, List<FailedSop> failed) {

	/** Event Type ID "Storage Commitment Request Successful" (PS3.4 Table J.3-2). */
	public static final int ALL_SUCCESSFUL = 1;

	/** Event Type ID "Storage Commitment Request Complete - Failures Exist". */
	public static final int FAILURES_EXIST = 2;

	public StorageCommitmentResult {
		committed = List.copyOf(committed);
		failed = List.copyOf(failed);
	}

	public int eventTypeId() {
		return failed.isEmpty() ? ALL_SUCCESSFUL : FAILURES_EXIST;
	}

	/**
	 * The Event Information: Transaction UID, Referenced SOP Sequence (if any committed),
	 * Failed SOP Sequence (if any failed).
	 */
	public Attributes toEventInformation() {
		Attributes a = new Attributes();
		a.setString(Tag.TransactionUID, VR.UI, transactionUid);
		if (!committed.isEmpty()) {
			Sequence refs = a.newSequence(Tag.ReferencedSOPSequence);
			for (ReferencedSop r : committed) {
				item(refs, r);
			}
		}
		if (!failed.isEmpty()) {
			Sequence refs = a.newSequence(Tag.FailedSOPSequence);
			for (FailedSop f : failed) {
				item(refs, f.sop()).setInt(Tag.FailureReason, VR.US, f.reasonCode());
			}
		}
		return a;
	}

	private static Attributes item(Sequence sequence, ReferencedSop sop) {
		Attributes item = sequence.addItem();
		item.setString(Tag.ReferencedSOPClassUID, VR.UI, sop.sopClassUid());
		item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, sop.sopInstanceUid());
		return item;
	}

	/**
	 * Reads an N-EVENT-REPORT's Event Information; a missing Transaction UID raises
	 * {@link DimseException} (Invalid Argument Value).
	 */
	public static StorageCommitmentResult fromEventInformation(@Nullable Attributes info) throws DimseException {
		String tx = info == null ? null : info.getString(Tag.TransactionUID);
		if (tx == null) {
			throw new DimseException(org.continuum.dicom.net.Status.INVALID_ARGUMENT_VALUE,
					"storage commitment report without Transaction UID");
		}
		List<ReferencedSop> committed = new ArrayList<>();
		for (Attributes item : items(info, Tag.ReferencedSOPSequence)) {
			committed.add(referenced(item));
		}
		List<FailedSop> failed = new ArrayList<>();
		for (Attributes item : items(info, Tag.FailedSOPSequence)) {
			failed.add(new FailedSop(referenced(item), item.getInt(Tag.FailureReason, 0x0110)));
		}
		return new StorageCommitmentResult(tx, committed, failed);
	}

	static List<Attributes> items(Attributes a, int tag) {
		Sequence s = a.getSequence(tag);
		return s == null ? List.of() : s;
	}

	static ReferencedSop referenced(Attributes item) {
		return new ReferencedSop(item.getString(Tag.ReferencedSOPClassUID, ""),
				item.getString(Tag.ReferencedSOPInstanceUID, ""));
	}

}
