package continuum.continuity.probes;

/**
 * Why a probe failed or found its component degraded: stable codes that runbooks, the
 * status page and tests refer to (stored with each probe result).
 */
public enum ProbeCode {

	/** No answer within the probe's timeout: a hung peer. */
	TIMEOUT("timeout"),
	/** The peer's port refused the connection. */
	REFUSED("connection-refused"),
	/** The peer's host could not be reached or resolved. */
	UNREACHABLE("unreachable"),
	/**
	 * The peer answered, but not what its protocol says it should (an SMTP reply code,
	 * JSON).
	 */
	BAD_REPLY("bad-reply"),
	/** An HTTP peer answered with an error status. */
	HTTP_STATUS("http-status"),
	/** A downtime node answers but is further behind the change feed than allowed. */
	LAG("lag"),
	/** A downtime node answers but has lost the server. */
	SERVER_LOST("server-lost"),
	/**
	 * A downtime node answers but reports a problem of its own (its store refused a
	 * write, a full disk), so it is not keeping up whatever its lag says yet.
	 */
	NODE_PROBLEM("node-problem"),
	/** The database refused or failed the canary's write or read. */
	DATABASE("database-error"),
	/** The canary read back is not the one just written. */
	CANARY_MISMATCH("canary-mismatch"),
	/** A module's service failed its synthetic read. */
	SERVICE("service-error"),
	/** The newest verification of a backup failed (docs/operations.md, "Backups"). */
	BACKUP_FAILED("backup-verification-failed"),
	/** No backup verified within the allowed age (default 26 h), or none ever. */
	BACKUP_STALE("backup-stale"),
	/** No probe knows the component's kind. */
	NO_PROBE("no-probe"),
	/** The probe failed in a way none of the above describes. */
	UNEXPECTED("unexpected");

	private final String code;

	ProbeCode(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static ProbeCode of(String code) {
		for (ProbeCode value : values()) {
			if (value.code.equals(code)) {
				return value;
			}
		}
		throw new IllegalArgumentException("No probe code " + code);
	}

}
