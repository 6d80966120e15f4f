package continuum.scheduling;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The life of an appointment, with FHIR R4 {@code AppointmentStatus} codes: booked, then
 * arrived (checked in) and fulfilled, or cancelled, or a no-show. Cancelled, fulfilled
 * and no-show are final.
 */
public enum AppointmentStatus {

	BOOKED("booked"), ARRIVED("arrived"), FULFILLED("fulfilled"), CANCELLED("cancelled"), NOSHOW("noshow");

	private final String code;

	AppointmentStatus(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	/**
	 * Whether the appointment holds its slots: all but a cancelled one (a fulfilled or
	 * missed appointment used its time).
	 */
	public boolean holdsSlots() {
		return this != CANCELLED;
	}

	/** The statuses this one may move to. */
	public Set<AppointmentStatus> next() {
		return switch (this) {
			case BOOKED -> EnumSet.of(ARRIVED, CANCELLED, NOSHOW);
			case ARRIVED -> EnumSet.of(FULFILLED, CANCELLED);
			default -> EnumSet.noneOf(AppointmentStatus.class);
		};
	}

	public static Optional<AppointmentStatus> ofCode(String code) {
		return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
	}

}
