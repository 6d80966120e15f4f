package continuum.lab;

import continuum.platform.InvalidInputException;

/**
 * How soon the laboratory must answer: FHIR request-priority codes; in HL7 v2.5.1 TQ1-9
 * (table 0485: R routine, A as soon as possible, S stat).
 */
public enum Priority {

	ROUTINE("routine", "R"), URGENT("urgent", "A"), STAT("stat", "S");

	private final String fhirCode;

	private final String hl7Code;

	Priority(String fhirCode, String hl7Code) {
		this.fhirCode = fhirCode;
		this.hl7Code = hl7Code;
	}

	public String fhirCode() {
		return fhirCode;
	}

	public String hl7Code() {
		return hl7Code;
	}

	public static Priority ofFhirCode(String code) {
		for (Priority priority : values()) {
			if (priority.fhirCode.equals(code)) {
				return priority;
			}
		}
		if ("asap".equals(code)) {
			return URGENT;
		}
		throw new InvalidInputException("Unknown priority " + code + " (expected routine, urgent, asap or stat)");
	}

}
