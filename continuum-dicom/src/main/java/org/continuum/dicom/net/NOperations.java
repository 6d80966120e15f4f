package org.continuum.dicom.net;

import java.io.IOException;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.pdu.PresentationContextResult;
import org.jspecify.annotations.Nullable;

/**
 * The invoking side of the DIMSE-N operations (PS3.7 §10.1, §10.3): one request on the
 * presentation context of its SOP class, then its response. Behind the {@code n…} methods
 * of {@link Association}.
 */
final class NOperations {

	private NOperations() {
	}

	static NResponse invoke(Association association, CommandField field, String sopClassUid,
			@Nullable String sopInstanceUid, int typeId, @Nullable Attributes dataSet, int[] attributeIdentifiers)
			throws IOException {
		PresentationContextResult pc = association.acceptedContext(sopClassUid,
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
		if (pc == null) {
			throw new IOException("no accepted presentation context for SOP class " + sopClassUid + " on the "
					+ "association with " + association.calledAeTitle());
		}
		int messageId = association.nextMessageId();
		Attributes command = Commands.nRequest(field, messageId, sopClassUid, sopInstanceUid, typeId, dataSet != null);
		if (attributeIdentifiers.length > 0) {
			command.setInt(Tag.AttributeIdentifierList, VR.AT, attributeIdentifiers);
		}
		association.send(pc.id(), command,
				dataSet == null ? null : out -> Commands.encodeDataSet(dataSet, pc.transferSyntax(), out));
		DimseMessage rsp = association.receiveResponse(messageId);
		CommandField expected = CommandField.of(field.code() | 0x8000);
		if (rsp.commandField() != expected) {
			association.abort(org.continuum.dicom.net.pdu.AAbort.Reason.UNEXPECTED_PDU_PARAMETER);
			throw new AssociationAbortedException(
					"expected " + expected + " to message " + messageId + ", got " + rsp.commandField());
		}
		Attributes data = rsp.readDataSet();
		return new NResponse(rsp.status(), rsp.affectedSopInstanceUid(), rsp.command(), data);
	}

}
