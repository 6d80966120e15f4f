package org.continuum.dicom.net.service;

import java.io.IOException;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.Commands;
import org.continuum.dicom.net.pdu.PresentationContextResult;

/**
 * Verification SOP Class as SCU (PS3.4 Annex A, PS3.7 §9.1.5): C-ECHO-RQ and its status.
 */
public final class EchoScu {

	private EchoScu() {
	}

	public static int echo(Association association) throws IOException {
		PresentationContextResult pc = association.acceptedContext(Uid.VERIFICATION);
		if (pc == null) {
			throw new NoPresentationContextException(Uid.VERIFICATION, "any");
		}
		int messageId = association.nextMessageId();
		association.send(pc.id(), Commands.request(CommandField.C_ECHO_RQ, messageId, Uid.VERIFICATION, false), null);
		return association.receiveResponse(messageId).status();
	}

}
