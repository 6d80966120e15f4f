package continuum.scheduling.bulk;

import java.util.EnumSet;
import java.util.Set;

/**
 * One appointment's way through a bulk rescheduling: selected, proposed (slots reserved
 * for it), confirmed by the scheduler, rebooked (and its patient notified, in the same
 * transaction); or no slot found, skipped (dropped, or no longer booked) or failed.
 */
public enum ItemState {

	SELECTED, PROPOSED, CONFIRMED, REBOOKED, NO_SLOT, SKIPPED, FAILED;

	/** States that hold the appointment (and the proposed slots) for this batch. */
	static final Set<ItemState> OPEN = EnumSet.of(SELECTED, PROPOSED, CONFIRMED);

	public boolean open() {
		return OPEN.contains(this);
	}

}
