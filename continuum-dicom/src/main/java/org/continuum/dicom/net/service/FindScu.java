package org.continuum.dicom.net.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.Commands;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.pdu.PresentationContextResult;

/**
 * C-FIND SCU (PS3.4 §C.4.1.2, §K.4.1.2): sends the identifier, collects Pending matches,
 * may C-CANCEL.
 */
public final class FindScu {

	private FindScu() {
	}

	/**
	 * All matches; throws {@link DimseStatusException} if the final status is not
	 * Success.
	 */
	public static List<Attributes> findAll(Association association, String sopClassUid, Attributes keys)
			throws IOException {
		List<Attributes> matches = new ArrayList<>();
		int status = find(association, sopClassUid, keys, m -> matches.add(m));
		if (status != Status.SUCCESS.code()) {
			throw new DimseStatusException("C-FIND", status);
		}
		return matches;
	}

	/**
	 * Passes each match to {@code onMatch}; when it returns false, sends C-CANCEL-RQ
	 * (PS3.7 §9.3.2.3) and keeps reading until the final response. Returns the final
	 * status.
	 */
	public static int find(Association association, String sopClassUid, Attributes keys, Predicate<Attributes> onMatch)
			throws IOException {
		PresentationContextResult pc = association.acceptedContext(sopClassUid,
				TransferSyntaxes.UNCOMPRESSED.toArray(String[]::new));
		if (pc == null) {
			throw new NoPresentationContextException(sopClassUid, "uncompressed");
		}
		int messageId = association.nextMessageId();
		association.send(pc.id(), Commands.request(CommandField.C_FIND_RQ, messageId, sopClassUid, true),
				out -> StoreScu.encode(keys, pc.transferSyntax(), out));
		boolean cancelled = false;
		while (true) {
			DimseMessage rsp = association.receiveResponse(messageId);
			if (Status.categoryOf(rsp.status()) != Status.Category.PENDING) {
				association.drainDataSet();
				return rsp.status();
			}
			Attributes match = rsp.readDataSet();
			if (!cancelled && match != null && !onMatch.test(match)) {
				cancelled = true;
				association.send(pc.id(), cancelRequest(messageId), null);
			}
		}
	}

	static Attributes cancelRequest(int messageId) {
		Attributes cancel = new Attributes();
		cancel.setInt(org.continuum.dicom.data.Tag.CommandField, org.continuum.dicom.data.VR.US,
				CommandField.C_CANCEL_RQ.code());
		cancel.setInt(org.continuum.dicom.data.Tag.MessageIDBeingRespondedTo, org.continuum.dicom.data.VR.US,
				messageId);
		cancel.setInt(org.continuum.dicom.data.Tag.CommandDataSetType, org.continuum.dicom.data.VR.US,
				Commands.NO_DATA_SET);
		return cancel;
	}

}
