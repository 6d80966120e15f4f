package continuum.imaging.pacs;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

import continuum.platform.OutcomeUnknownException;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.DicomStreamException;
import org.continuum.dicom.net.Status;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The PACS ingest, shared by the C-STORE SCP and STOW-RS: an object is written to its
 * file and fsynced, named, and its index rows (with reconciliation and the audit entry)
 * committed — only then is it reported held, so a Success status always means the object
 * survives a crash. A refused object leaves nothing; an object whose stream fails or
 * whose write fails (a peer's abort, a full disk) leaves nothing either and surfaces as
 * the {@link IOException}. A SOP Instance UID already held is handled per
 * {@code continuum.dicom.store.duplicates} ({@link StoreSettings.DuplicatePolicy}).
 */
@Service
public class PacsStore {

	private static final Logger log = LoggerFactory.getLogger(PacsStore.class);

	private final InstanceFiles files;

	private final InstanceIndexer indexer;

	private final PacsIndexRepository index;

	private final StoreSettings.DuplicatePolicy duplicates;

	PacsStore(InstanceFiles files, InstanceIndexer indexer, PacsIndexRepository index, StoreSettings settings) {
		this.files = files;
		this.indexer = indexer;
		this.index = index;
		this.duplicates = settings.duplicates();
	}

	/**
	 * Stores a bare data set in {@code transferSyntax}, as a C-STORE carries it;
	 * {@code affectedSopInstanceUid}, when given, must be the data set's.
	 * @throws IOException the stream or the disk failed; nothing was kept
	 */
	public StoreOutcome store(InputStream dataSet, String transferSyntax, @Nullable String affectedSopInstanceUid,
			String sourceAe) throws IOException {
		InstanceFiles.Received received;
		try {
			received = files.receive(dataSet, transferSyntax, affectedSopInstanceUid);
		}
		catch (StoreRefusedException ex) {
			return new StoreOutcome(StoreOutcome.Disposition.REFUSED, ex.status().code(), null, affectedSopInstanceUid,
					null, false, ex.getMessage());
		}
		return keep(received, sourceAe);
	}

	/**
	 * Stores a Part 10 file (PS3.10 §7.1, as STOW-RS carries it): its File Meta
	 * Information names the transfer syntax and must start with its Group Length
	 * (0002,0000); the data set is kept as sent, with new File Meta Information.
	 * @throws IOException the stream or the disk failed; nothing was kept
	 */
	public StoreOutcome storePart10(InputStream part10, String sourceAe) throws IOException {
		Attributes meta;
		try {
			meta = fileMetaInformation(part10);
		}
		catch (DicomStreamException | java.io.EOFException ex) {
			return new StoreOutcome(StoreOutcome.Disposition.REFUSED, Status.CANNOT_UNDERSTAND.code(), null, null, null,
					false, "not a DICOM Part 10 file: " + ex.getMessage());
		}
		String transferSyntax = meta.getString(Tag.TransferSyntaxUID);
		if (transferSyntax == null || transferSyntax.isBlank()) {
			return new StoreOutcome(StoreOutcome.Disposition.REFUSED, Status.CANNOT_UNDERSTAND.code(), null, null, null,
					false, "File Meta Information has no Transfer Syntax UID");
		}
		return store(part10, transferSyntax.strip(), meta.getString(Tag.MediaStorageSOPInstanceUID), sourceAe);
	}

	/**
	 * Whether the PACS holds this SOP Instance UID with this SOP Class UID, indexed and
	 * its file present: the check of a storage commitment request (PS3.4 §J.3.3).
	 */
	public boolean holds(String sopInstanceUid, String sopClassUid) {
		return index.instance(sopInstanceUid)
			.filter(held -> held.sopClassUid().equals(sopClassUid))
			.filter(held -> Files.isRegularFile(files.resolve(held.filePath())))
			.isPresent();
	}

	private StoreOutcome keep(InstanceFiles.Received received, String sourceAe) throws IOException {
		IndexedObject o = received.object();
		var held = index.instance(o.sopInstanceUid());
		if (held.isPresent() && duplicates == StoreSettings.DuplicatePolicy.KEEP_FIRST) {
			files.discard(received);
			return duplicate(o, held.get().sha256(), received.sha256());
		}
		String fileName;
		try {
			fileName = publish(received);
		}
		catch (IOException | RuntimeException ex) {
			files.discard(received);
			throw ex;
		}
		String path = InstanceFiles.relativePath(o, fileName);
		InstanceIndexer.Indexed indexed;
		try {
			indexed = indexer.index(received, path, sourceAe, duplicates == StoreSettings.DuplicatePolicy.REPLACE);
		}
		catch (OutcomeUnknownException ex) {
			// The index row may have committed: the file stays, named, so that it never
			// points nowhere.
			throw ex;
		}
		catch (RuntimeException ex) {
			Files.deleteIfExists(files.resolve(path));
			throw ex;
		}
		switch (indexed.outcome()) {
			case ALREADY_HELD -> {
				Files.deleteIfExists(files.resolve(path));
				return duplicate(o, indexed.heldSha256(), received.sha256());
			}
			case REPLACED -> {
				if (indexed.replacedPath() != null && !indexed.replacedPath().equals(path)) {
					deleteQuietly(indexed.replacedPath());
				}
				return outcome(StoreOutcome.Disposition.REPLACED, Status.SUCCESS.code(), o, indexed, null);
			}
			default -> {
				return outcome(StoreOutcome.Disposition.STORED, Status.SUCCESS.code(), o, indexed, null);
			}
		}
	}

	/**
	 * Names the file {@code <sop uid>.dcm}, or {@code <sop uid>.<sha prefix>.dcm} when
	 * that name is taken (a replacement, or a file left by a crash before its index row),
	 * never overwriting a file.
	 */
	private String publish(InstanceFiles.Received received) throws IOException {
		String uid = received.object().sopInstanceUid();
		try {
			return publishAs(received, uid + ".dcm");
		}
		catch (FileAlreadyExistsException ex) {
			try {
				return publishAs(received, uid + "." + HexFormat.of().formatHex(received.sha256(), 0, 8) + ".dcm");
			}
			catch (FileAlreadyExistsException again) {
				return publishAs(received, uid + "." + java.util.UUID.randomUUID() + ".dcm");
			}
		}
	}

	private String publishAs(InstanceFiles.Received received, String fileName) throws IOException {
		files.publish(received, fileName);
		return fileName;
	}

	private StoreOutcome duplicate(IndexedObject o, byte @Nullable [] heldSha256, byte[] receivedSha256) {
		if (Arrays.equals(heldSha256, receivedSha256)) {
			return new StoreOutcome(StoreOutcome.Disposition.ALREADY_HELD, Status.SUCCESS.code(), o.sopClassUid(),
					o.sopInstanceUid(), o.studyInstanceUid(), false, null);
		}
		log.info("Kept the object held under SOP Instance UID {}; the one received differs (policy keep-first)",
				o.sopInstanceUid());
		return new StoreOutcome(StoreOutcome.Disposition.KEPT_FIRST, 0xB000, o.sopClassUid(), o.sopInstanceUid(),
				o.studyInstanceUid(), false, "SOP Instance UID already held; first object kept");
	}

	private static StoreOutcome outcome(StoreOutcome.Disposition disposition, int status, IndexedObject o,
			InstanceIndexer.Indexed indexed, @Nullable String comment) {
		return new StoreOutcome(disposition, status, o.sopClassUid(), o.sopInstanceUid(), o.studyInstanceUid(),
				indexed.studyStatus() == Reconciliation.Status.QUARANTINED, comment);
	}

	private void deleteQuietly(String relativePath) {
		try {
			Files.deleteIfExists(files.resolve(relativePath));
		}
		catch (IOException ex) {
			log.warn("Could not delete the replaced file {}: {}", relativePath, ex.toString());
		}
	}

	/**
	 * Reads the preamble and the File Meta Information, exactly its Group Length's worth,
	 * so that the stream is left at the data set's first byte.
	 */
	private static Attributes fileMetaInformation(InputStream in) throws IOException {
		var data = new DataInputStream(in);
		byte[] preamble = new byte[132];
		data.readFully(preamble);
		if (preamble[128] != 'D' || preamble[129] != 'I' || preamble[130] != 'C' || preamble[131] != 'M') {
			throw new DicomStreamException("no DICM prefix");
		}
		byte[] groupLength = new byte[12];
		data.readFully(groupLength);
		ByteBuffer header = ByteBuffer.wrap(groupLength).order(ByteOrder.LITTLE_ENDIAN);
		if (header.getShort(0) != 2 || header.getShort(2) != 0 || groupLength[4] != 'U' || groupLength[5] != 'L') {
			throw new DicomStreamException("File Meta Information does not start with its Group Length");
		}
		long length = Integer.toUnsignedLong(header.getInt(8));
		if (length > 64 * 1024) {
			throw new DicomStreamException("File Meta Information of " + length + " bytes");
		}
		byte[] rest = new byte[(int) length];
		data.readFully(rest);
		byte[] whole = new byte[132 + 12 + rest.length];
		System.arraycopy(preamble, 0, whole, 0, 132);
		System.arraycopy(groupLength, 0, whole, 132, 12);
		System.arraycopy(rest, 0, whole, 144, rest.length);
		var dis = DicomInputStream.openFile(new java.io.ByteArrayInputStream(whole));
		Attributes meta = dis.fileMetaInformation();
		if (meta == null) {
			throw new DicomStreamException("no File Meta Information");
		}
		return meta;
	}

	/**
	 * The file an index row names ({@code pacs_instance.file_path}, relative to the
	 * store's folder), for readers of the objects such as WADO-RS.
	 */
	public Path fileOf(String filePath) {
		Path file = files.resolve(filePath).normalize();
		if (!file.startsWith(files.root())) {
			throw new IllegalStateException("an index row's file path leaves the store's folder");
		}
		return file;
	}

	/** The folder objects are stored under. */
	Path root() {
		return files.root();
	}

}
