package org.continuum.dicom.tool;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.service.DirectoryStoreHandler;
import org.continuum.dicom.net.service.RetrieveResult;
import org.continuum.dicom.net.service.RetrieveScu;
import org.continuum.dicom.net.service.TransferSyntaxes;

/** {@code getscu}: C-GET (PS3.4 §C.4.3), writing the received instances into a folder. */
final class GetScuCommand implements Command {

	private static final String[] ENCAPSULATED = { TransferSyntax.JPEG_BASELINE_8BIT.uid(),
			TransferSyntax.JPEG_LOSSLESS_SV1.uid(), TransferSyntax.JPEG_2000_LOSSLESS.uid() };

	@Override
	public String name() {
		return "getscu";
	}

	@Override
	public String help() {
		return "usage: getscu --port PORT --dir FOLDER [options] -k KEY=VALUE...\n"
				+ "Retrieves the matching instances over the same association into FOLDER.\n\n" + Network.HELP
				+ QueryKeys.HELP + "  --dir FOLDER       where to write files (required)\n";
	}

	@Override
	public int run(String[] args) throws Exception {
		Set<String> withValue = new HashSet<>(Network.OPTIONS);
		withValue.addAll(QueryKeys.options());
		withValue.add("dir");
		Options o = new Options(args, withValue, TlsOptions.FLAGS);
		String sopClass = QueryKeys.sopClass(o, Uid.PATIENT_ROOT_QR_GET, Uid.STUDY_ROOT_QR_GET);
		var handler = new DirectoryStoreHandler(Path.of(o.require("dir")), false);
		var request = new AssociationRequest(o.get("aet", "CONTINUUM"), o.get("call", "ANY-SCP")).addContext(sopClass,
				TransferSyntaxes.UNCOMPRESSED.toArray(String[]::new));
		for (String storage : Uid.COMMON_STORAGE) {
			request.addContext(storage, TransferSyntaxes.UNCOMPRESSED.toArray(String[]::new));
			for (String ts : ENCAPSULATED) {
				request.addContext(storage, ts);
			}
			request.addRole(storage, false, true);
		}
		try (Association as = request.connect(o.get("host", "127.0.0.1"), Integer.parseInt(o.require("port")),
				Network.settings(o))) {
			RetrieveResult result = RetrieveScu.get(as, sopClass, QueryKeys.parse(o), handler);
			return Retrievals.report("C-GET", result);
		}
	}

}
