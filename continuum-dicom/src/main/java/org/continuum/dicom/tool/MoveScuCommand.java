package org.continuum.dicom.tool;

import java.util.HashSet;
import java.util.Set;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.service.RetrieveResult;
import org.continuum.dicom.net.service.RetrieveScu;
import org.continuum.dicom.net.service.TransferSyntaxes;

/**
 * {@code movescu}: C-MOVE (PS3.4 §C.4.2) of the matching instances to a destination AE.
 */
final class MoveScuCommand implements Command {

	@Override
	public String name() {
		return "movescu";
	}

	@Override
	public String help() {
		return "usage: movescu --port PORT --dest AE [options] -k KEY=VALUE...\n"
				+ "Asks the peer to send the matching instances to AE.\n\n" + Network.HELP + QueryKeys.HELP
				+ "  --dest AE          move destination (required)\n";
	}

	@Override
	public int run(String[] args) throws Exception {
		Set<String> withValue = new HashSet<>(Network.OPTIONS);
		withValue.addAll(QueryKeys.options());
		withValue.add("dest");
		Options o = new Options(args, withValue, TlsOptions.FLAGS);
		String sopClass = QueryKeys.sopClass(o, Uid.PATIENT_ROOT_QR_MOVE, Uid.STUDY_ROOT_QR_MOVE);
		String destination = o.require("dest");
		var request = new AssociationRequest(o.get("aet", "CONTINUUM"), o.get("call", "ANY-SCP")).addContext(sopClass,
				TransferSyntaxes.UNCOMPRESSED.toArray(String[]::new));
		try (Association as = request.connect(o.get("host", "127.0.0.1"), Integer.parseInt(o.require("port")),
				Network.settings(o))) {
			RetrieveResult result = RetrieveScu.move(as, sopClass, QueryKeys.parse(o), destination);
			return Retrievals.report("C-MOVE", result);
		}
	}

}
