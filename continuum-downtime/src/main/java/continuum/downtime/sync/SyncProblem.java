package continuum.downtime.sync;

/**
 * Why the last sync attempt failed: stable codes for the status page, runbooks and tests.
 */
public enum SyncProblem {

	/** No answer from the server's address (down, wrong host or port, network). */
	SERVER_UNREACHABLE,
	/** The server refused the node's credentials. */
	CREDENTIALS_REFUSED,
	/**
	 * The server accepted the credentials but not this account for the downtime API
	 * (403).
	 */
	ACCOUNT_NOT_ALLOWED,
	/**
	 * Something answers at the address, but not a Continuum server speaking protocol 1.
	 */
	NOT_A_CONTINUUM_SERVER,
	/**
	 * The feed skipped a position: nothing after it is applied until it comes back whole.
	 */
	FEED_GAP,
	/**
	 * The store refused a write (disk full, read-only file system): nothing of the batch
	 * was applied.
	 */
	STORE_WRITE_FAILED,
	/** The server answered with an error. */
	SERVER_ERROR

}
