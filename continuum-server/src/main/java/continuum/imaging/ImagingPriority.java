package continuum.imaging;

import java.util.Locale;

import continuum.platform.InvalidInputException;

/**
 * How soon an imaging order is to be done: FHIR request-priority codes; in HL7 v2.5.1
 * ORC-7/TQ1-9 (table 0485: R routine, A as soon as possible, S stat); in the worklist,
 * Requested Procedure Priority (0040,1003: ROUTINE, HIGH, STAT).
 */
public enum ImagingPriority {

	ROUTINE("R", "ROUTINE"), URGENT("A", "HIGH"), STAT("S", "STAT");

	private final String hl7Code;

	private final String dicomTerm;

	ImagingPriority(String hl7Code, String dicomTerm) {
		this.hl7Code = hl7Code;
		this.dicomTerm = dicomTerm;
	}

	public String fhirCode() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String hl7Code() {
		return hl7Code;
	}

	public String dicomTerm() {
		return dicomTerm;
	}

	public static ImagingPriority ofFhirCode(String code) {
		for (ImagingPriority priority : values()) {
			if (priority.fhirCode().equals(code)) {
				return priority;
			}
		}
		if ("asap".equals(code)) {
			return URGENT;
		}
		throw new InvalidInputException("Unknown priority " + code + " (expected routine, urgent, asap or stat)");
	}

	/** TQ1-9 or ORC-7.6 as HL7 sends it; routine when empty. */
	public static ImagingPriority ofHl7Code(String code) {
		if (code == null || code.isBlank()) {
			return ROUTINE;
		}
		for (ImagingPriority priority : values()) {
			if (priority.hl7Code.equalsIgnoreCase(code.strip())) {
				return priority;
			}
		}
		throw new InvalidInputException("Unknown priority " + code + " (expected R, A or S, HL7 table 0485)");
	}

}
