package org.continuum.dicom.net.service;

import java.util.List;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Sequence;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;

/**
 * A Request Storage Commitment (N-ACTION, Action Type ID 1) of the Storage Commitment
 * Push Model (PS3.4 §J.3.2): the requesting AE, the Transaction UID that the report will
 * carry back, and the instances to commit.
 */
public record StorageCommitmentRequest(String callingAeTitle, String transactionUid, List<ReferencedSop> references) {

	/** Action Type ID of Request Storage Commitment (PS3.4 Table J.3-1). */
	public static final int ACTION_TYPE_ID = 1;

	public StorageCommitmentRequest {
		references = List.copyOf(references);
	}

	/** The N-ACTION's Action Information: Transaction UID and Referenced SOP Sequence. */
	public Attributes toActionInformation() {
		Attributes a = new Attributes();
		a.setString(Tag.TransactionUID, VR.UI, transactionUid);
		Sequence refs = a.newSequence(Tag.ReferencedSOPSequence);
		for (ReferencedSop r : references) {
			Attributes item = refs.addItem();
			item.setString(Tag.ReferencedSOPClassUID, VR.UI, r.sopClassUid());
			item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, r.sopInstanceUid());
		}
		return a;
	}

}
