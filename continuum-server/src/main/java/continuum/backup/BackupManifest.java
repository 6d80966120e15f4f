package continuum.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one base backup holds and what the database held at its restore point: every file
 * with its size and SHA-256, the directories to recreate, the WAL positions, the row
 * count of every table, the change feed's newest position and the audit chain's head,
 * taken with every table locked against writes for an instant just before the named
 * restore point, so that a copy recovered to that point must show exactly these. Stored
 * encrypted beside the files ({@code manifest}).
 *
 * @param id the backup's name, its start time in UTC ({@code 20261206T021500Z})
 * @param keyId the id of the key its files are encrypted with
 * @param startWal the first WAL segment a restore needs
 * @param restorePoint the name of the restore point the counts belong to
 * @param restorePointWal the segment that holds the restore point
 */
record BackupManifest(int format, String id, String keyId, String postgresVersion, String systemIdentifier,
		Instant startTime, Instant stopTime, String startLsn, String stopLsn, int timeline, String startWal,
		String restorePoint, String restorePointLsn, String restorePointWal, Instant restorePointTime,
		Map<String, Long> rowCounts, long changeFeedPosition, @Nullable Long auditChainPosition,
		@Nullable String auditChainHash, List<String> directories, List<FileEntry> files) {

	static final int FORMAT = 1;

	/** A file of the data directory as copied: its path there, size and SHA-256. */
	record FileEntry(String path, long size, String sha256) {
	}

	long totalBytes() {
		return files.stream().mapToLong(FileEntry::size).sum();
	}

}
