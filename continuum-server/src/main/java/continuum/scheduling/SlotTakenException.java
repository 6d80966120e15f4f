package continuum.scheduling;

import java.util.List;

import continuum.platform.ConflictException;

/**
 * Thrown when a booking names a slot that another booking holds (also when another
 * request took it a moment earlier); nothing was booked.
 */
public class SlotTakenException extends ConflictException {

	private final List<SlotId> slots;

	public SlotTakenException(List<SlotId> slots) {
		super("Slot " + slots.stream().map(SlotId::asString).reduce((a, b) -> a + ", " + b).orElse("?")
				+ " is already booked; nothing was booked");
		this.slots = List.copyOf(slots);
	}

	public List<SlotId> slots() {
		return slots;
	}

}
