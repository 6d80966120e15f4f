package continuum.platform;

/**
 * Thrown when a change names a version that is no longer current (HTTP 412 on the FHIR
 * API).
 */
public class VersionConflictException extends ConflictException {

	public VersionConflictException(String message) {
		super(message);
	}

}
