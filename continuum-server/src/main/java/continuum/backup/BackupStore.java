package continuum.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backup directory ({@code CONTINUUM_BACKUP_DIR}): {@code base/<id>/} holds one base
 * backup (its encrypted {@code manifest} and {@code files/}, the data directory's files
 * under their own paths), {@code base/<id>.partial/} one being written, {@code wal/} the
 * encrypted archived WAL segments under their own names. Whoever changes it (a backup,
 * the WAL shipper, retention) holds its lock ({@code .lock}), across processes.
 */
final class BackupStore {

	/** A WAL segment's name: timeline, log and segment number, 8 hex digits each. */
	static final Pattern SEGMENT = Pattern.compile("[0-9A-F]{24}");

	/**
	 * What {@code basic_archive} archives: segments, partial segments, backup and
	 * timeline history.
	 */
	static final Pattern ARCHIVED = Pattern
		.compile("[0-9A-F]{24}(\\.partial|\\.[0-9A-F]{8}\\.backup)?|[0-9A-F]{8}\\.history");

	private static final ReentrantLock IN_PROCESS = new ReentrantLock();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path root;

	private final BackupKey key;

	BackupStore(Path root, BackupKey key) {
		this.root = root.toAbsolutePath().normalize();
		this.key = key;
	}

	Path root() {
		return root;
	}

	BackupKey key() {
		return key;
	}

	Path wal() {
		return root.resolve("wal");
	}

	Path base(String id) {
		return root.resolve("base").resolve(id);
	}

	/** A backup's copy of a data-directory file. */
	static Path fileOf(Path backup, String path) {
		return backup.resolve("files").resolve(path);
	}

	/** Holds the backup directory's lock until closed (waits for another holder). */
	Held lock() {
		IN_PROCESS.lock();
		try {
			Files.createDirectories(root);
			FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			return new Held(channel, channel.lock());
		}
		catch (IOException ex) {
			IN_PROCESS.unlock();
			throw new UncheckedIOException("Cannot lock the backup directory " + root, ex);
		}
	}

	/** The lock on the backup directory, held until closed. */
	record Held(FileChannel channel, FileLock lock) implements AutoCloseable {

		@Override
		public void close() {
			try {
				lock.release();
				channel.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				IN_PROCESS.unlock();
			}
		}

	}

	/**
	 * Binds the backup directory to one database system (PostgreSQL's system identifier,
	 * which a restored copy keeps): two servers shipping into one directory would
	 * overwrite each other's WAL segments, which carry the same names.
	 */
	void claim(String systemIdentifier) throws IOException {
		Path file = root.resolve("system-identifier");
		if (!Files.exists(file)) {
			Files.writeString(file, systemIdentifier + "\n");
			return;
		}
		String owner = Files.readString(file).trim();
		if (!owner.equals(systemIdentifier)) {
			throw new BackupException(BackupCode.CONFIGURATION,
					"The backup directory " + root + " holds the backups of database system " + owner
							+ "; this server's database is system " + systemIdentifier
							+ ". Give each database a backup directory of its own (CONTINUUM_BACKUP_DIR)");
		}
	}

	/** The complete backups' ids, oldest first. */
	List<String> ids() {
		Path base = root.resolve("base");
		if (!Files.isDirectory(base)) {
			return List.of();
		}
		try (Stream<Path> dirs = Files.list(base)) {
			return dirs.map(p -> p.getFileName().toString())
				.filter(name -> !name.endsWith(".partial"))
				.filter(name -> Files.exists(base.resolve(name).resolve("manifest")))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The newest complete backup's manifest, or {@link BackupCode#NO_BACKUP}. */
	BackupManifest latest() {
		List<String> ids = ids();
		if (ids.isEmpty()) {
			throw new BackupException(BackupCode.NO_BACKUP, "There is no complete backup in " + root);
		}
		return manifest(ids.get(ids.size() - 1));
	}

	BackupManifest manifest(String id) {
		Path file = base(id).resolve("manifest");
		try {
			ByteArrayOutputStream json = new ByteArrayOutputStream();
			EncryptedFile.read(file, key, json);
			return JSON.readValue(json.toByteArray(), BackupManifest.class);
		}
		catch (IOException ex) {
			throw new BackupException(BackupCode.IO, "Cannot read " + file, ex);
		}
		catch (JacksonException ex) {
			throw new BackupException(BackupCode.TAMPERED, file + " is not a manifest this version can read", ex);
		}
	}

	/**
	 * A new backup's directory ({@code base/<id>.partial}), emptied if a killed run left
	 * one.
	 */
	Path begin(String id) throws IOException {
		Path partial = root.resolve("base").resolve(id + ".partial");
		deleteTree(partial);
		Files.createDirectories(partial);
		return partial;
	}

	/** Seals the partial backup with its manifest and gives it its final name. */
	void complete(Path partial, BackupManifest manifest) throws IOException {
		EncryptedFile.write(new ByteArrayInputStream(JSON.writeValueAsBytes(manifest)), partial.resolve("manifest"),
				key);
		Files.move(partial, base(manifest.id()), StandardCopyOption.ATOMIC_MOVE);
		fsyncDirectory(root.resolve("base"));
	}

	/** The archived WAL files' names, in WAL order. */
	List<String> walFiles() {
		if (!Files.isDirectory(wal())) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(wal())) {
			return files.map(p -> p.getFileName().toString())
				.filter(name -> ARCHIVED.matcher(name).matches())
				.sorted(Comparator.comparing(BackupStore::walOrder))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A segment's place in the WAL, whatever its timeline: log * 256 + segment (16 MiB
	 * segments).
	 */
	static long position(String segment) {
		return Long.parseLong(segment.substring(8, 16), 16) * 256 + Long.parseLong(segment.substring(16, 24), 16);
	}

	private static String walOrder(String name) {
		return name.endsWith(".history") ? "0" + name : "1" + name.substring(8, 24) + name.substring(0, 8);
	}

	/**
	 * Keeps the {@code keep} newest backups and the WAL from the oldest of them on;
	 * removes older backups, their WAL and partial backups a killed run left. Timeline
	 * histories are kept.
	 */
	List<String> retain(int keep) throws IOException {
		List<String> ids = ids();
		List<String> removed = new ArrayList<>();
		for (String id : ids.subList(0, Math.max(0, ids.size() - keep))) {
			deleteTree(base(id));
			removed.add(id);
		}
		Path base = root.resolve("base");
		try (Stream<Path> dirs = Files.list(base)) {
			for (Path partial : dirs.filter(p -> p.getFileName().toString().endsWith(".partial")).toList()) {
				deleteTree(partial);
			}
		}
		List<String> kept = ids();
		if (kept.isEmpty()) {
			return removed;
		}
		long oldest = position(manifest(kept.get(0)).startWal());
		for (String name : walFiles()) {
			if (!name.endsWith(".history") && position(name.substring(0, 24)) < oldest) {
				Files.deleteIfExists(wal().resolve(name));
			}
		}
		return removed;
	}

	static void fsyncDirectory(Path directory) throws IOException {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

}
