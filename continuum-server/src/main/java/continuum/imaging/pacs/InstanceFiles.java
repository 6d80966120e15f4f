package continuum.imaging.pacs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.DicomOutputStream;
import org.continuum.dicom.io.DicomStreamException;
import org.jspecify.annotations.Nullable;

/**
 * The object files (PS3.10 §7): {@code <root>/<study uid>/<series uid>/<sop uid>.dcm},
 * File Meta Information followed by the data set's bytes exactly as received. One pass
 * over the stream: its head is parsed for the index (up to group 0040, before any
 * functional group sequence, overlay or pixel data), then those bytes and the rest of the
 * stream go to a temporary file in the object's folder while the SHA-256 of the file is
 * computed. The file is fsynced before the caller commits the index, and appears under
 * its name by a hard link (atomic, never replacing a file) followed by an fsync of the
 * folder ({@link #publish}), so that a name never points to a partial file and a crash
 * never leaves an indexed name without its file.
 * <p>
 * The library's {@code InstanceFileWriter.writeIndexed} does a similar single pass but
 * does not fit here: it needs the file's path before the first byte (the object's folder
 * is known only once the head is parsed), writes the File Meta Information from the
 * C-STORE command's UIDs (STOW-RS has none; here they are the data set's, checked first),
 * parses up to the pixel data (per-frame functional groups included) and writes before a
 * refusal could be decided.
 */
final class InstanceFiles {

	/** The head parsed for the index ends before this tag (group 0041). */
	static final int HEAD_END = 0x00410000;

	private final Path root;

	private final boolean fsync;

	InstanceFiles(Path root, boolean fsync) {
		this.root = root;
		this.fsync = fsync;
	}

	Path root() {
		return root;
	}

	/**
	 * Reads the data set's head, checks it, and writes the object to a temporary file in
	 * its folder. A refusal writes nothing; a failure while writing (the stream aborted,
	 * the disk full) removes the temporary file before it is thrown.
	 */
	Received receive(InputStream dataSet, String transferSyntax, @Nullable String affectedSopInstanceUid)
			throws IOException, StoreRefusedException {
		var capture = new CapturingInputStream(dataSet);
		Attributes head;
		try {
			head = DicomInputStream.forDataset(capture, transferSyntax).readDatasetUntil(HEAD_END);
		}
		catch (DicomStreamException ex) {
			throw StoreRefusedException.cannotUnderstand("data set not readable");
		}
		IndexedObject object = IndexedObject.of(head);
		if (affectedSopInstanceUid != null && !affectedSopInstanceUid.equals(object.sopInstanceUid())) {
			throw StoreRefusedException.cannotUnderstand("Affected SOP Instance UID is not the data set's");
		}
		Path folder = Files
			.createDirectories(root.resolve(object.studyInstanceUid()).resolve(object.seriesInstanceUid()));
		Path temporary = folder.resolve("." + object.sopInstanceUid() + "." + UUID.randomUUID() + ".part");
		MessageDigest sha256 = sha256();
		long size;
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE)) {
			var counting = new CountingOutputStream(Channels.newOutputStream(channel));
			OutputStream out = new BufferedOutputStream(new DigestOutputStream(counting, sha256), 64 * 1024);
			new DicomOutputStream(out).writeFileMetaInformation(DicomOutputStream
				.createFileMetaInformation(object.sopClassUid(), object.sopInstanceUid(), transferSyntax));
			out.write(capture.release());
			dataSet.transferTo(out);
			out.flush();
			size = counting.count();
			if (fsync) {
				channel.force(true);
			}
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		return new Received(object, transferSyntax, temporary, sha256.digest(), size);
	}

	/** The file's path relative to the root, as the index records it. */
	static String relativePath(IndexedObject object, String fileName) {
		return object.studyInstanceUid() + "/" + object.seriesInstanceUid() + "/" + fileName;
	}

	/**
	 * Gives the received file its name, never replacing a file (a hard link, which fails
	 * when the name exists, then the temporary name removed), and makes it durable.
	 */
	void publish(Received received, String fileName) throws IOException {
		Path target = received.temporary().resolveSibling(fileName);
		Files.createLink(target, received.temporary());
		Files.delete(received.temporary());
		if (fsync) {
			syncFolder(target.getParent());
		}
	}

	void discard(Received received) {
		try {
			Files.deleteIfExists(received.temporary());
		}
		catch (IOException ex) {
			// An orphaned temporary file is harmless: names starting with '.' are never
			// indexed.
		}
	}

	Path resolve(String relativePath) {
		return root.resolve(relativePath);
	}

	private static void syncFolder(Path folder) throws IOException {
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	/** An object written to its temporary file, fsynced, not yet named or indexed. */
	record Received(IndexedObject object, String transferSyntax, Path temporary, byte[] sha256, long size) {
	}

	private static final class CountingOutputStream extends java.io.FilterOutputStream {

		private long count;

		CountingOutputStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			out.write(b);
			count++;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
			count += len;
		}

		long count() {
			return count;
		}

	}

}
