package continuum.security;

/**
 * A client assertion refused (RFC 6749 §5.2 {@code invalid_client}); the message says
 * why, and never holds the assertion.
 */
class InvalidClientException extends RuntimeException {

	InvalidClientException(String message) {
		super(message);
	}

}
