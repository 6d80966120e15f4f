package continuum.scheduling;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of appointment the hospital books, each with its usual length and the
 * resources it needs at the same time: a consultation needs a physician and a room, a CT
 * a radiographer and the scanner. The code is the FHIR {@code serviceType} and
 * {@code appointmentType} code in {@link #SYSTEM}.
 */
public enum AppointmentType {

	CONSULTATION("consultation", "Consultation", 20, EnumSet.of(ActorKind.PRACTITIONER, ActorKind.LOCATION)),

	FOLLOW_UP("follow-up", "Follow-up consultation", 15, EnumSet.of(ActorKind.PRACTITIONER)),

	CT("ct", "CT scan", 20, EnumSet.of(ActorKind.PRACTITIONER, ActorKind.DEVICE)),

	MRI("mri", "MRI scan", 30, EnumSet.of(ActorKind.PRACTITIONER, ActorKind.DEVICE)),

	ULTRASOUND("ultrasound", "Ultrasound", 20, EnumSet.of(ActorKind.DEVICE)),

	BLOOD_SAMPLING("blood-sampling", "Blood sampling", 10, EnumSet.of(ActorKind.LOCATION));

	/** Our code system for appointment types. */
	public static final String SYSTEM = "urn:continuum:appointment-type";

	private final String code;

	private final String display;

	private final int minutes;

	private final Set<ActorKind> needs;

	AppointmentType(String code, String display, int minutes, Set<ActorKind> needs) {
		this.code = code;
		this.display = display;
		this.minutes = minutes;
		this.needs = Set.copyOf(needs);
	}

	public String code() {
		return code;
	}

	public String display() {
		return display;
	}

	/** The usual slot length; a template line may choose another. */
	public int minutes() {
		return minutes;
	}

	/** The resources an appointment of this type holds at once, one slot each. */
	public Set<ActorKind> needs() {
		return needs;
	}

	public static Optional<AppointmentType> ofCode(String code) {
		return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
	}

}
