package continuum.platform;

/**
 * Thrown when a change conflicts with the current state: a stale version, an occupied
 * bed, a duplicate.
 */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}
