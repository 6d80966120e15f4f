package continuum.downtime.store;

/**
 * The store cannot be opened: the message names the file and what the operator can do.
 */
public class StoreUnavailableException extends RuntimeException {

	public StoreUnavailableException(String message) {
		super(message);
	}

	public StoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
