package continuum.lab;

/**
 * The state of a specimen as the laboratory finds it on receipt; anything but acceptable
 * rejects it. HL7 v2.5.1 SPM-24 (table 0493) and the rejection reason SPM-21 (table 0490)
 * carry the same meaning.
 */
public enum SpecimenCondition {

	ACCEPTABLE("Acceptable", null, null), HAEMOLYSED("Haemolysed", "HEM", "RB"), CLOTTED("Clotted", "CLOT", "RC"),
	INSUFFICIENT("Insufficient quantity", null, "RD"), MISLABELLED("Mislabelled", null, "RI"),
	CONTAMINATED("Contaminated", "CON", "RN");

	private final String label;

	private final String hl7Condition;

	private final String hl7Rejection;

	SpecimenCondition(String label, String hl7Condition, String hl7Rejection) {
		this.label = label;
		this.hl7Condition = hl7Condition;
		this.hl7Rejection = hl7Rejection;
	}

	public String label() {
		return label;
	}

	/** SPM-24 (table 0493), or null where the table has no code for it. */
	public String hl7Condition() {
		return hl7Condition;
	}

	/** SPM-21 (table 0490), or null for an acceptable specimen. */
	public String hl7Rejection() {
		return hl7Rejection;
	}

}
