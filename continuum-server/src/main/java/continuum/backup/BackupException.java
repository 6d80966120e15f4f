package continuum.backup;

/**
 * A backup, restore or verification that failed, with its stable {@link BackupCode}; the
 * message names files, LSNs and counts, never patient data.
 */
public class BackupException extends RuntimeException {

	private final BackupCode code;

	public BackupException(BackupCode code, String message) {
		super(message);
		this.code = code;
	}

	public BackupException(BackupCode code, String message, Throwable cause) {
		super(message, cause);
		this.code = code;
	}

	public BackupCode code() {
		return code;
	}

}
