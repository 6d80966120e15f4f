package org.continuum.dicom.net.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.continuum.dicom.net.Status;

/**
 * Writes each received instance as a Part 10 file {@code <SOP Instance UID>.dcm} in one
 * directory (PS3.10 §7) with {@link InstanceFileWriter}: File Meta Information, then the
 * data set bytes exactly as received, with no decoding. The file appears under its final
 * name only when complete (write, optional fsync, rename), so a Success status never
 * points to a partial file; with {@code fsync} the file and then its directory entry are
 * on disk before Success is sent.
 */
public final class DirectoryStoreHandler implements StoreHandler {

	private static final java.util.regex.Pattern UID = java.util.regex.Pattern.compile("[0-9.]+");

	private final Path directory;

	private final boolean fsync;

	public DirectoryStoreHandler(Path directory, boolean fsync) throws IOException {
		this.directory = Files.createDirectories(directory);
		this.fsync = fsync;
	}

	@Override
	public Status store(StoreRequest request) throws IOException, DimseException {
		String uid = request.sopInstanceUid();
		String sopClass = request.sopClassUid();
		if (uid == null || uid.isEmpty() || uid.length() > 64 || !UID.matcher(uid).matches()) {
			throw new DimseException(Status.CANNOT_UNDERSTAND, "invalid Affected SOP Instance UID");
		}
		if (sopClass == null || sopClass.isEmpty()) {
			throw new DimseException(Status.CANNOT_UNDERSTAND, "no Affected SOP Class UID");
		}
		Path target = directory.resolve(uid + ".dcm");
		Path partial = directory.resolve(uid + ".dcm.part");
		try {
			InstanceFileWriter.write(request, partial, fsync);
		}
		catch (IOException e) {
			Files.deleteIfExists(partial);
			throw e;
		}
		Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		if (fsync) {
			syncDirectory();
		}
		return Status.SUCCESS;
	}

	/**
	 * The rename is durable only once the directory is synced too (POSIX fsync on the
	 * directory).
	 */
	private void syncDirectory() throws IOException {
		try (var channel = java.nio.channels.FileChannel.open(directory, java.nio.file.StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

}
