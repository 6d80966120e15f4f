package continuum.scheduling;

import continuum.platform.NotFoundException;

/** Thrown when no slot has the given id. */
public class SlotNotFoundException extends NotFoundException {

	public SlotNotFoundException(SlotId id) {
		super("No slot with id " + id);
	}

	/** No such kept version of the slot. */
	public SlotNotFoundException(SlotId id, int version) {
		super("No version " + version + " of slot " + id + " is kept");
	}

}
