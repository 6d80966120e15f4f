package org.continuum.dicom.tool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.service.StoreScu;
import org.jspecify.annotations.Nullable;

/**
 * {@code storescu}: sends Part 10 files and folders with C-STORE (PS3.4 Annex B) over one
 * association.
 */
final class StoreScuCommand implements Command {

	@Override
	public String name() {
		return "storescu";
	}

	@Override
	public String help() {
		return """
				usage: storescu --port PORT [options] FILE|FOLDER...
				Stores every DICOM file (folders are searched recursively) over one association.

				""" + Network.HELP + """
				  --propose TS       as-is (default: each file's own transfer syntax, plus the
				                     uncompressed ones), implicit, explicit or deflated (converts)
				""";
	}

	private record Kind(String sopClass, String transferSyntax) {
	}

	@Override
	public int run(String[] args) throws Exception {
		Set<String> withValue = new LinkedHashSet<>(Network.OPTIONS);
		withValue.add("propose");
		Options o = new Options(args, withValue, TlsOptions.FLAGS);
		if (o.positional().isEmpty()) {
			throw new UsageException("no files given");
		}
		List<Path> files = new ArrayList<>();
		for (String p : o.positional()) {
			if (!Files.exists(Path.of(p))) {
				throw new UsageException("no such file or folder: " + p);
			}
			try (Stream<Path> walk = Files.walk(Path.of(p))) {
				walk.filter(Files::isRegularFile).sorted().forEach(files::add);
			}
		}
		String forced = forcedSyntax(o.get("propose", "as-is"));
		Map<Kind, Path> kinds = new LinkedHashMap<>();
		List<Path> dicomFiles = new ArrayList<>();
		for (Path f : files) {
			try (InputStream in = Files.newInputStream(f); var dis = DicomInputStream.openFile(in)) {
				var fmi = dis.fileMetaInformation();
				kinds.putIfAbsent(new Kind(fmi.getString(Tag.MediaStorageSOPClassUID),
						forced != null ? forced : dis.transferSyntaxUid()), f);
				dicomFiles.add(f);
			}
			catch (IOException e) {
				System.err.println("skipping " + f + ": " + e.getMessage());
			}
		}
		if (dicomFiles.isEmpty()) {
			throw new UsageException("no DICOM files in " + String.join(" ", o.positional()));
		}
		var request = new AssociationRequest(o.get("aet", "CONTINUUM"), o.get("call", "ANY-SCP"));
		for (Kind k : kinds.keySet()) {
			Set<String> ts = new LinkedHashSet<>();
			ts.add(k.transferSyntax());
			if (forced == null && !TransferSyntax.encodingOf(k.transferSyntax()).encapsulated()) {
				ts.add(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
				ts.add(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
			}
			request.addContext(k.sopClass(), ts.toArray(String[]::new));
		}
		int failed = 0;
		long bytes = 0;
		long start = System.nanoTime();
		try (Association as = request.connect(o.get("host", "127.0.0.1"), Integer.parseInt(o.require("port")),
				Network.settings(o))) {
			for (Path f : dicomFiles) {
				int status;
				try {
					status = StoreScu.storeFile(as, f);
				}
				catch (org.continuum.dicom.net.service.NoPresentationContextException e) {
					System.err.println(f + ": " + e.getMessage());
					failed++;
					continue;
				}
				if (Status.categoryOf(status) == Status.Category.FAILURE) {
					System.err.printf("%s: C-STORE status 0x%04X%n", f, status);
					failed++;
				}
				else {
					bytes += Files.size(f);
				}
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		int stored = dicomFiles.size() - failed;
		System.out.printf("stored %d of %d instances in %.2f s (%.1f instances/s, %.1f MB/s)%n", stored,
				dicomFiles.size(), seconds, stored / seconds, bytes / 1e6 / seconds);
		return failed == 0 ? EXIT_OK : EXIT_STATUS;
	}

	private static @Nullable String forcedSyntax(@Nullable String option) throws UsageException {
		switch (option) {
			case "as-is":
				return null;
			case "implicit":
				return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();
			case "explicit":
				return TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
			case "deflated":
				return TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid();
			default:
				throw new UsageException("--propose must be as-is, implicit, explicit or deflated");
		}
	}

}
