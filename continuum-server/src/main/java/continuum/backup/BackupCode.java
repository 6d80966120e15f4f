package continuum.backup;

/**
 * Why a backup, restore or verification failed: stable codes that runbooks, the recorded
 * verifications and tests refer to.
 */
public enum BackupCode {

	/** The database is external: its backups are pgBackRest's (docs/operations.md). */
	NOT_EMBEDDED("not-embedded"),
	/** There is no complete backup in the backup directory. */
	NO_BACKUP("no-backup"),
	/** A file was encrypted with another key than the key file holds. */
	WRONG_KEY("wrong-key"),
	/** A file does not decrypt: changed, truncated or not a backup file. */
	TAMPERED("tampered"),
	/** A file the manifest lists is missing, or its size or SHA-256 differ. */
	FILE_MISMATCH("file-mismatch"),
	/** A WAL segment between the backup and the newest archived one is missing. */
	WAL_GAP("wal-gap"),
	/**
	 * The key file cannot be read or made, or lies inside the data or backup directory.
	 */
	KEY_FILE("key-file"),
	/** The backup directory lies inside the data directory. */
	CONFIGURATION("configuration"),
	/** The restore target is not an empty directory, or is the live data directory. */
	TARGET("target"),
	/** No backup is old enough for the requested point in time. */
	TOO_EARLY("too-early"),
	/** PostgreSQL could not recover the restored copy. */
	RECOVERY("recovery-failed"),
	/** amcheck found a damaged index in the restored copy. */
	INDEX("index-damaged"),
	/** A table of the restored copy has another row count than the manifest. */
	ROW_COUNT("row-count-mismatch"),
	/** The restored copy's audit chain does not verify. */
	AUDIT_CHAIN("audit-chain"),
	/** The restored copy's change feed ends elsewhere than the manifest says. */
	CHANGE_FEED("change-feed"),
	/** Reading or writing files, or the database, failed. */
	IO("io-error");

	private final String code;

	BackupCode(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

}
