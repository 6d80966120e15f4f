package continuum.platform;

/**
 * Thrown when input is well-formed but violates a rule of the domain (a missing name, an
 * unknown code).
 */
public class InvalidInputException extends RuntimeException {

	public InvalidInputException(String message) {
		super(message);
	}

}
