package continuum.scheduling;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a slot can be booked; the codes are FHIR R4 {@code SlotStatus}. A blocked slot
 * lies in an exception (holiday, closure, device out of service) or was blocked by hand.
 */
public enum SlotStatus {

	FREE("free"), BUSY("busy"), BLOCKED("busy-unavailable");

	private final String code;

	SlotStatus(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static Optional<SlotStatus> ofCode(String code) {
		return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
	}

}
