package continuum.scheduling;

import java.time.Instant;
import java.util.List;

/** A time at which one free slot of each resource an appointment type needs is free. */
public record BookingOption(Instant start, Instant end, List<Slot> slots) {

	public BookingOption {
		slots = List.copyOf(slots);
	}

	public List<SlotId> slotIds() {
		return slots.stream().map(Slot::id).toList();
	}

}
