package continuum.platform;

/** Thrown when a request body exceeds the configured limit (HTTP 413). */
public class RequestTooLargeException extends RuntimeException {

	public RequestTooLargeException(String message) {
		super(message);
	}

}
