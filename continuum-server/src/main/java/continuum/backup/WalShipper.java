package continuum.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Moves archived WAL from the spool in the data directory (where PostgreSQL's
 * {@code basic_archive} put it, durably) into the backup directory, encrypted: each file
 * is written whole and flushed, the directory flushed, and only then is the spool's copy
 * removed, so a crash at any point leaves every segment in one place or both (shipped
 * again, harmlessly, next time). The caller holds the backup directory's lock.
 */
final class WalShipper {

	private WalShipper() {
	}

	/** Whether the spool holds anything to ship. */
	static boolean pending(Path spool) {
		if (!Files.isDirectory(spool)) {
			return false;
		}
		try (Stream<Path> files = Files.list(spool)) {
			return files.anyMatch(p -> BackupStore.ARCHIVED.matcher(p.getFileName().toString()).matches());
		}
		catch (IOException ex) {
			return true;
		}
	}

	/** Ships every finished file in {@code spool}; answers how many. */
	static int ship(Path spool, BackupStore store) throws IOException {
		if (!Files.isDirectory(spool)) {
			return 0;
		}
		List<Path> archived;
		try (Stream<Path> files = Files.list(spool)) {
			archived = files.filter(p -> BackupStore.ARCHIVED.matcher(p.getFileName().toString()).matches())
				.sorted()
				.toList();
		}
		if (archived.isEmpty()) {
			return 0;
		}
		Files.createDirectories(store.wal());
		for (Path file : archived) {
			EncryptedFile.copy(file, store.wal().resolve(file.getFileName().toString()), store.key());
		}
		BackupStore.fsyncDirectory(store.wal());
		for (Path file : archived) {
			Files.deleteIfExists(file);
		}
		return archived.size();
	}

}
