package continuum.scheduling;

/**
 * What a schedule books: a practitioner, a location (consultation room, lab sampling
 * point) or a device (CT, MRI, ultrasound) — the three actor types FHIR R4
 * {@code Schedule.actor} names for these.
 */
public enum ActorKind {

	PRACTITIONER("Practitioner"), LOCATION("Location"), DEVICE("Device");

	private final String fhirType;

	ActorKind(String fhirType) {
		this.fhirType = fhirType;
	}

	/** The FHIR resource type of the actor reference. */
	public String fhirType() {
		return fhirType;
	}

}
