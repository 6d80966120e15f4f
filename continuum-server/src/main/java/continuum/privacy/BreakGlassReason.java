package continuum.privacy;

/** The reasons offered for breaking the glass; the user adds their own words. */
public enum BreakGlassReason {

	EMERGENCY_CARE("Emergency care"), CARE_TRANSFERRED("The patient was transferred to my care"),
	CONSULTATION("Consultation asked by the care team"), PATIENT_REQUEST("At the patient's request"),
	OTHER("Other (explain below)");

	private final String label;

	BreakGlassReason(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
