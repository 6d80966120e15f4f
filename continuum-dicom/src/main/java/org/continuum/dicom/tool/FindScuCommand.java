package org.continuum.dicom.tool;

import java.util.HashSet;
import java.util.Set;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.service.FindScu;
import org.continuum.dicom.net.service.TransferSyntaxes;

/** {@code findscu}: C-FIND (PS3.4 §C.4.1, §K.4.1) and prints every match. */
final class FindScuCommand implements Command {

	@Override
	public String name() {
		return "findscu";
	}

	@Override
	public String help() {
		return "usage: findscu --port PORT [options] -k KEY[=VALUE]...\nQueries and prints each match.\n\n"
				+ Network.HELP + QueryKeys.HELP
				+ "  --model worklist   query the Modality Worklist (PS3.4 Annex K) instead\n"
				+ "  --cancel-after N   send C-CANCEL after N matches\n";
	}

	@Override
	public int run(String[] args) throws Exception {
		Set<String> withValue = new HashSet<>(Network.OPTIONS);
		withValue.addAll(QueryKeys.options());
		withValue.add("cancel-after");
		Options o = new Options(args, withValue, TlsOptions.FLAGS);
		String sopClass = QueryKeys.sopClass(o, Uid.PATIENT_ROOT_QR_FIND, Uid.STUDY_ROOT_QR_FIND);
		Attributes keys = QueryKeys.parse(o);
		if (sopClass.equals(Uid.MODALITY_WORKLIST_FIND)) {
			keys.remove(org.continuum.dicom.data.Tag.QueryRetrieveLevel);
		}
		int cancelAfter = o.getInt("cancel-after", Integer.MAX_VALUE);
		var request = new AssociationRequest(o.get("aet", "CONTINUUM"), o.get("call", "ANY-SCP")).addContext(sopClass,
				TransferSyntaxes.UNCOMPRESSED.toArray(String[]::new));
		int[] count = { 0 };
		try (Association as = request.connect(o.get("host", "127.0.0.1"), Integer.parseInt(o.require("port")),
				Network.settings(o))) {
			int status = FindScu.find(as, sopClass, keys, match -> {
				count[0]++;
				System.out.println("# match " + count[0]);
				System.out.print(QueryKeys.format(match));
				return count[0] < cancelAfter;
			});
			System.out.printf("C-FIND status 0x%04X, %d matches%n", status, count[0]);
			return Status.categoryOf(status) == Status.Category.FAILURE ? EXIT_STATUS : EXIT_OK;
		}
	}

}
