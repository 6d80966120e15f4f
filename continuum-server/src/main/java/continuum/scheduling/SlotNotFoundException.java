package continuum.scheduling;

import continuum.platform.NotFoundException;

/** Thrown when no slot has the given id. */
public class SlotNotFoundException extends NotFoundException {

	public SlotNotFoundException(SlotId id) {
		super("No slot with id " + id);
	}

}
