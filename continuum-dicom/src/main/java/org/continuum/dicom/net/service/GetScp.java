package org.continuum.dicom.net.service;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.DimseService;
import org.continuum.dicom.net.Status;

/**
 * C-GET SCP (PS3.4 §C.4.3): sends the matching instances as C-STORE sub-operations on the
 * same association, over the storage presentation contexts the SCU proposed with the SCP
 * role (PS3.7 §D.3.3.4), which this service therefore accepts during negotiation.
 */
public final class GetScp implements DimseService {

	private final RetrieveHandler handler;

	public GetScp(RetrieveHandler handler) {
		this.handler = handler;
	}

	@Override
	public Set<CommandField> commands() {
		return Set.of(CommandField.C_GET_RQ);
	}

	@Override
	public boolean supports(String abstractSyntax) {
		return isGet(abstractSyntax) || Uid.isStorage(abstractSyntax);
	}

	/**
	 * Q/R contexts uncompressed; storage contexts (for the sub-operations) in any known
	 * transfer syntax.
	 */
	@Override
	public List<String> transferSyntaxes(String abstractSyntax) {
		return isGet(abstractSyntax) ? TransferSyntaxes.UNCOMPRESSED : TransferSyntaxes.ALL_KNOWN;
	}

	private static boolean isGet(String abstractSyntax) {
		return Uid.PATIENT_ROOT_QR_GET.equals(abstractSyntax) || Uid.STUDY_ROOT_QR_GET.equals(abstractSyntax);
	}

	@Override
	public void onRequest(Association association, DimseMessage request) throws IOException {
		Attributes keys = Identifiers.read(association, request);
		if (keys == null) {
			FindScp.fail(association, request, Status.CANNOT_UNDERSTAND.code(), "missing or malformed identifier");
			return;
		}
		List<RetrieveInstance> instances;
		try {
			instances = handler
				.retrieve(new RetrieveRequest(association.callingAeTitle(), request.affectedSopClassUid(), keys, null));
		}
		catch (DimseException e) {
			FindScp.fail(association, request, e.status(), e.getMessage());
			return;
		}
		catch (RuntimeException e) {
			FindScp.fail(association, request, Status.UNABLE_TO_PROCESS.code(), e.toString());
			return;
		}
		new SubOperations(association, request, instances.size()).run(association, instances, null);
	}

}
