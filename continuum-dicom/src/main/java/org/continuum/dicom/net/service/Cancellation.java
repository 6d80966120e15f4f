package org.continuum.dicom.net.service;

import java.io.IOException;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationAbortedException;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.pdu.AAbort;

/**
 * Checks, between responses, whether the SCU sent C-CANCEL-RQ (PS3.7 §9.3.2.3). With an
 * asynchronous operations window of 1 nothing else may arrive meanwhile: any other
 * message aborts the association.
 */
final class Cancellation {

	private Cancellation() {
	}

	static boolean requested(Association association, int messageId) throws IOException {
		if (!association.hasIncoming()) {
			return false;
		}
		DimseMessage message = association.receive();
		if (message == null) {
			throw new AssociationAbortedException("peer released the association during message " + messageId);
		}
		if (message.commandField() != CommandField.C_CANCEL_RQ) {
			association.abort(AAbort.Reason.UNEXPECTED_PDU_PARAMETER);
			throw new AssociationAbortedException("unexpected " + message.commandField() + " while answering message "
					+ messageId + " (asynchronous operations were not negotiated)");
		}
		return true;
	}

}
