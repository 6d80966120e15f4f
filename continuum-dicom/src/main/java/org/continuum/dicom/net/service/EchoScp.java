package org.continuum.dicom.net.service;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.Commands;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.DimseService;
import org.continuum.dicom.net.Status;

/**
 * Verification SOP Class as SCP (PS3.4 Annex A): answers C-ECHO-RQ with Success (PS3.7
 * §9.1.5).
 */
public final class EchoScp implements DimseService {

	@Override
	public Set<CommandField> commands() {
		return Set.of(CommandField.C_ECHO_RQ);
	}

	@Override
	public boolean supports(String abstractSyntax) {
		return Uid.VERIFICATION.equals(abstractSyntax);
	}

	@Override
	public List<String> transferSyntaxes(String abstractSyntax) {
		return TransferSyntaxes.UNCOMPRESSED;
	}

	@Override
	public void onRequest(Association association, DimseMessage request) throws IOException {
		association.send(request.contextId(), Commands.response(request.command(), Status.SUCCESS.code(), false), null);
	}

}
