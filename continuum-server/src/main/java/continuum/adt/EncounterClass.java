package continuum.adt;

import java.util.Optional;

/**
 * The kind of encounter, as codes of
 * {@code http://terminology.hl7.org/CodeSystem/v3-ActCode}.
 */
public enum EncounterClass {

	INPATIENT("IMP", "inpatient encounter"), EMERGENCY("EMER", "emergency"), AMBULATORY("AMB", "ambulatory");

	/** The code system of {@code Encounter.class} in R4. */
	public static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

	private final String code;

	private final String display;

	EncounterClass(String code, String display) {
		this.code = code;
		this.display = display;
	}

	public String code() {
		return code;
	}

	public String display() {
		return display;
	}

	public static Optional<EncounterClass> ofCode(String code) {
		for (EncounterClass c : values()) {
			if (c.code.equals(code)) {
				return Optional.of(c);
			}
		}
		return Optional.empty();
	}

}
