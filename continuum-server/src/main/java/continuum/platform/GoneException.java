package continuum.platform;

/** Thrown when a requested resource existed but has been deleted (HTTP 410). */
public class GoneException extends RuntimeException {

	public GoneException(String message) {
		super(message);
	}

}
