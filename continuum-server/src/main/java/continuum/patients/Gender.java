package continuum.patients;

import continuum.platform.InvalidInputException;

/**
 * FHIR administrative gender (value set
 * {@code http://hl7.org/fhir/administrative-gender}).
 */
public enum Gender {

	MALE("male"), FEMALE("female"), OTHER("other"), UNKNOWN("unknown");

	private final String code;

	Gender(String code) {
		this.code = code;
	}

	/** The FHIR code. */
	public String code() {
		return code;
	}

	public static Gender ofCode(String code) {
		for (Gender gender : values()) {
			if (gender.code.equals(code)) {
				return gender;
			}
		}
		throw new InvalidInputException("Unknown administrative gender code (expected male, female, other, unknown)");
	}

}
