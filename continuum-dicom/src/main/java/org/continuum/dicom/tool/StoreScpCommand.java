package org.continuum.dicom.tool;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.DicomServer;
import org.continuum.dicom.net.service.DirectoryStoreHandler;
import org.continuum.dicom.net.service.EchoScp;
import org.continuum.dicom.net.service.StoreScp;
import org.continuum.dicom.net.service.TransferSyntaxes;

/**
 * {@code storescp}: receives C-STORE (and answers C-ECHO) into a folder until stopped.
 */
final class StoreScpCommand implements Command {

	@Override
	public String name() {
		return "storescp";
	}

	@Override
	public String help() {
		return """
				usage: storescp --port PORT --dir FOLDER [options]
				Accepts every storage SOP class and writes each instance as FOLDER/<SOP Instance UID>.dcm.

				  --aet AE               my AE title (default CONTINUUM)
				  --port PORT            port to listen on (required)
				  --bind ADDRESS         address to listen on (default 0.0.0.0)
				  --dir FOLDER           where to write files (required)
				  --fsync                fsync each file (and its directory) before answering Success
				  --accept TS            known (default: every transfer syntax this library knows),
				                         uncompressed (Explicit/Implicit VR Little Endian only) or any
				  --max-pdu N            maximum PDU length I receive (default 65536)
				  --max-associations N   concurrent associations before refusing (default 50)
				""" + TlsOptions.HELP;
	}

	@Override
	public int run(String[] args) throws Exception {
		var withValue = new java.util.HashSet<>(
				Set.of("aet", "port", "bind", "dir", "max-pdu", "max-associations", "accept"));
		withValue.addAll(TlsOptions.OPTIONS);
		Options o = new Options(args, withValue, Set.of("fsync"));
		var settings = AssociationSettings.defaults(o.get("aet", "CONTINUUM"))
			.withMaxPduLength(o.getInt("max-pdu", 65536))
			.withMaxAssociations(o.getInt("max-associations", 50))
			.withTls(TlsOptions.context(o, false));
		var handler = new DirectoryStoreHandler(Path.of(o.require("dir")), o.has("fsync"));
		var server = new DicomServer(settings, List.of(new EchoScp(), new StoreScp(handler, accepted(o))));
		server.start(InetAddress.getByName(o.get("bind", "0.0.0.0")), Integer.parseInt(o.require("port")));
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				server.close();
			}
			catch (java.io.IOException e) {
				System.err.println("storescp: closing: " + e.getMessage());
			}
			stopped.countDown();
		}));
		stopped.await();
		return EXIT_OK;
	}

	private static List<String> accepted(Options o) throws UsageException {
		switch (o.get("accept", "known")) {
			case "known":
				return TransferSyntaxes.ALL_KNOWN;
			case "uncompressed":
				return TransferSyntaxes.UNCOMPRESSED;
			case "any":
				return List.of();
			default:
				throw new UsageException("--accept must be known, uncompressed or any");
		}
	}

}
