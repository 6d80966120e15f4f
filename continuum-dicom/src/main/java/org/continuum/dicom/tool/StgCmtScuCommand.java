package org.continuum.dicom.tool;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.UidGenerator;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.DicomServer;
import org.continuum.dicom.net.service.FailedSop;
import org.continuum.dicom.net.service.ReferencedSop;
import org.continuum.dicom.net.service.StorageCommitmentReportReceiver;
import org.continuum.dicom.net.service.StorageCommitmentResult;
import org.continuum.dicom.net.service.StorageCommitmentScu;
import org.continuum.dicom.net.service.TransferSyntaxes;

/**
 * {@code stgcmtscu}: asks a peer to commit the instances of some Part 10 files (Storage
 * Commitment Push Model, PS3.4 §J.3) and prints its report, received on the same
 * association or on this tool's own listening AE.
 */
final class StgCmtScuCommand implements Command {

	@Override
	public String name() {
		return "stgcmtscu";
	}

	@Override
	public String help() {
		return "usage: stgcmtscu --port PORT [options] FILE|DIR...\n"
				+ "Requests storage commitment of the instances in the files (N-ACTION) and prints the report.\n\n"
				+ Network.HELP + """
						  --tx UID           Transaction UID (default: a new one)
						  --listen PORT      receive the report on my own AE (--aet) listening on PORT, as the SCP
						                     must then know it, instead of on the same association
						  --bind ADDRESS     address to listen on (default 0.0.0.0)
						  --wait SECONDS     how long --listen waits for the report (default 60)
						""";
	}

	@Override
	public int run(String[] args) throws Exception {
		Set<String> withValue = new HashSet<>(Network.OPTIONS);
		withValue.addAll(List.of("tx", "listen", "bind", "wait"));
		Options o = new Options(args, withValue, TlsOptions.FLAGS);
		if (o.positional().isEmpty()) {
			throw new UsageException("no files given");
		}
		List<ReferencedSop> refs = references(o.positional());
		String tx = o.get("tx", UidGenerator.uuidBased().next());
		AssociationSettings settings = Network.settings(o);
		var request = new AssociationRequest(settings.aeTitle(), o.get("call", "ANY-SCP"))
			.addContext(Uid.STORAGE_COMMITMENT_PUSH_MODEL, TransferSyntaxes.UNCOMPRESSED.toArray(String[]::new));
		String host = o.get("host", "127.0.0.1");
		int port = Integer.parseInt(o.require("port"));
		StorageCommitmentResult result;
		if (o.has("listen")) {
			BlockingQueue<StorageCommitmentResult> reports = new LinkedBlockingQueue<>();
			try (DicomServer listener = new DicomServer(settings,
					List.of(new StorageCommitmentReportReceiver(reports::add)))
				.start(InetAddress.getByName(o.get("bind", "0.0.0.0")), o.getInt("listen", 0))) {
				try (Association as = request.connect(host, port, settings)) {
					StorageCommitmentScu.request(as, tx, refs);
				}
				result = awaitReport(reports, tx, o.getInt("wait", 60));
			}
		}
		else {
			try (Association as = request.connect(host, port, settings)) {
				result = StorageCommitmentScu.commit(as, tx, refs);
			}
		}
		for (ReferencedSop r : result.committed()) {
			System.out.println("committed " + r.sopInstanceUid());
		}
		for (FailedSop f : result.failed()) {
			System.out.printf("failed %s: reason 0x%04X%n", f.sop().sopInstanceUid(), f.reasonCode());
		}
		System.out.printf("transaction %s: %d committed, %d failed%n", tx, result.committed().size(),
				result.failed().size());
		return result.failed().isEmpty() ? EXIT_OK : EXIT_STATUS;
	}

	private static StorageCommitmentResult awaitReport(BlockingQueue<StorageCommitmentResult> reports, String tx,
			int seconds) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (true) {
			StorageCommitmentResult r = reports.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (r == null) {
				throw new IOException("no storage commitment report for " + tx + " within " + seconds + " s");
			}
			if (r.transactionUid().equals(tx)) {
				return r;
			}
		}
	}

	private static List<ReferencedSop> references(List<String> paths) throws IOException, UsageException {
		List<ReferencedSop> refs = new ArrayList<>();
		for (String p : paths) {
			if (!Files.exists(Path.of(p))) {
				throw new UsageException("no such file or directory: " + p);
			}
			try (Stream<Path> files = Files.walk(Path.of(p))) {
				for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
					try (InputStream in = Files.newInputStream(file); var dis = DicomInputStream.openFile(in)) {
						Attributes fmi = dis.fileMetaInformation();
						String cls = fmi == null ? null : fmi.getString(Tag.MediaStorageSOPClassUID);
						String inst = fmi == null ? null : fmi.getString(Tag.MediaStorageSOPInstanceUID);
						if (cls == null || inst == null) {
							throw new UsageException(file + " is not a Part 10 file with SOP class and instance");
						}
						refs.add(new ReferencedSop(cls, inst));
					}
				}
			}
		}
		return refs;
	}

}
