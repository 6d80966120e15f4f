package continuum.adt;

import continuum.platform.NotFoundException;

/** Thrown when no ward, room or bed has the requested id or code. */
public class LocationNotFoundException extends NotFoundException {

	public LocationNotFoundException(String message) {
		super(message);
	}

}
