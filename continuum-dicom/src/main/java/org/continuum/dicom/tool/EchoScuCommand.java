package org.continuum.dicom.tool;

import java.util.Set;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.service.EchoScu;

/** {@code echoscu}: C-ECHO (PS3.4 Annex A) to check that a peer AE answers. */
final class EchoScuCommand implements Command {

	@Override
	public String name() {
		return "echoscu";
	}

	@Override
	public String help() {
		return "usage: echoscu --port PORT [options]\nSends C-ECHO and prints the status.\n\n" + Network.HELP;
	}

	@Override
	public int run(String[] args) throws Exception {
		Options o = new Options(args, Network.OPTIONS, TlsOptions.FLAGS);
		var request = new AssociationRequest(o.get("aet", "CONTINUUM"), o.get("call", "ANY-SCP"))
			.addContext(Uid.VERIFICATION, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
		long start = System.nanoTime();
		try (Association as = request.connect(o.get("host", "127.0.0.1"), Integer.parseInt(o.require("port")),
				Network.settings(o))) {
			int status = EchoScu.echo(as);
			System.out.printf("C-ECHO status 0x%04X in %d ms%n", status, (System.nanoTime() - start) / 1_000_000);
			return status == 0 ? EXIT_OK : EXIT_STATUS;
		}
	}

}
