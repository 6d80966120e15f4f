package org.continuum.dicom.net.service;

import java.io.IOException;
import java.util.List;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.Commands;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.pdu.PresentationContextResult;
import org.jspecify.annotations.Nullable;

/**
 * C-MOVE SCU (PS3.4 §C.4.2.2) and C-GET SCU (PS3.4 §C.4.3.2). For C-GET the instances
 * arrive as C-STORE-RQ on the same association and go to a {@link StoreHandler}; for
 * C-MOVE they go to the destination AE.
 */
public final class RetrieveScu {

	private RetrieveScu() {
	}

	public static RetrieveResult move(Association association, String sopClassUid, Attributes keys, String destination)
			throws IOException {
		return retrieve(association, CommandField.C_MOVE_RQ, sopClassUid, keys, destination, null);
	}

	/**
	 * C-GET; the association must have accepted storage contexts with the SCP role for
	 * the SCU (PS3.7 §D.3.3.4).
	 */
	public static RetrieveResult get(Association association, String sopClassUid, Attributes keys, StoreHandler handler)
			throws IOException {
		return retrieve(association, CommandField.C_GET_RQ, sopClassUid, keys, null, handler);
	}

	private static RetrieveResult retrieve(Association association, CommandField field, String sopClassUid,
			Attributes keys, @Nullable String destination, @Nullable StoreHandler handler) throws IOException {
		PresentationContextResult pc = association.acceptedContext(sopClassUid,
				TransferSyntaxes.UNCOMPRESSED.toArray(String[]::new));
		if (pc == null) {
			throw new NoPresentationContextException(sopClassUid, "uncompressed");
		}
		int messageId = association.nextMessageId();
		Attributes rq = Commands.request(field, messageId, sopClassUid, true);
		if (destination != null) {
			rq.setString(Tag.MoveDestination, VR.AE, destination);
		}
		association.send(pc.id(), rq, out -> StoreScu.encode(keys, pc.transferSyntax(), out));
		StoreScp storeScp = handler == null ? null : new StoreScp(handler);
		while (true) {
			DimseMessage message = association.receive();
			if (message == null) {
				throw new org.continuum.dicom.net.AssociationAbortedException(
						"peer released the association during " + field);
			}
			if (message.commandField() == CommandField.C_STORE_RQ && storeScp != null) {
				storeScp.onRequest(association, message);
				continue;
			}
			if (message.commandField() != CommandField.C_MOVE_RSP && message.commandField() != CommandField.C_GET_RSP
					|| message.command().getInt(Tag.MessageIDBeingRespondedTo, -1) != messageId) {
				association.abort(org.continuum.dicom.net.pdu.AAbort.Reason.UNEXPECTED_PDU_PARAMETER);
				throw new org.continuum.dicom.net.AssociationAbortedException(
						"unexpected " + message.commandField() + " during " + field);
			}
			int status = message.status();
			if (Status.categoryOf(status) == Status.Category.PENDING) {
				association.drainDataSet();
				continue;
			}
			Attributes identifier = message.readDataSet();
			Attributes cmd = message.command();
			return new RetrieveResult(status, cmd.getInt(Tag.NumberOfCompletedSuboperations, 0),
					cmd.getInt(Tag.NumberOfFailedSuboperations, 0), cmd.getInt(Tag.NumberOfWarningSuboperations, 0),
					identifier == null ? List.of() : List.of(identifier.getStrings(Tag.FailedSOPInstanceUIDList)));
		}
	}

}
