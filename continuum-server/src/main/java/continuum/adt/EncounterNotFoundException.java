package continuum.adt;

import continuum.platform.NotFoundException;

/** Thrown when no encounter (or encounter version) has the requested id. */
public class EncounterNotFoundException extends NotFoundException {

	public EncounterNotFoundException(String message) {
		super(message);
	}

}
