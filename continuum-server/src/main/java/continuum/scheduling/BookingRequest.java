package continuum.scheduling;

import java.util.LinkedHashSet;
import java.util.List;

import continuum.patients.PatientId;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Book a patient into one slot per resource the appointment type needs, all at the same
 * time. {@code overbook} asks to book slots that are already taken; only roles allowed to
 * overbook may, and the appointment and slots are marked as overbooked.
 */
public record BookingRequest(PatientId patient, List<SlotId> slots, @Nullable String comment, boolean overbook) {

	public BookingRequest {
		if (patient == null) {
			throw new InvalidInputException("A booking needs a patient");
		}
		if (slots == null || slots.isEmpty()) {
			throw new InvalidInputException("A booking needs at least one slot");
		}
		if (new LinkedHashSet<>(slots).size() != slots.size()) {
			throw new InvalidInputException("A booking names the same slot twice");
		}
		slots = List.copyOf(slots);
		if (comment != null && comment.length() > 500) {
			throw new InvalidInputException("The comment is longer than 500 characters");
		}
	}

	public static BookingRequest of(PatientId patient, SlotId... slots) {
		return new BookingRequest(patient, List.of(slots), null, false);
	}

}
