package continuum.lab;

import continuum.platform.InvalidInputException;

/**
 * HL7 v2.5.1 OBX-11 (table 0085) as far as a laboratory result goes: preliminary, final,
 * corrected; FHIR observation-status preliminary, final, corrected.
 */
public enum ResultStatus {

	PRELIMINARY("P", "preliminary"), FINAL("F", "final"), CORRECTED("C", "corrected");

	private final String hl7Code;

	private final String fhirCode;

	ResultStatus(String hl7Code, String fhirCode) {
		this.hl7Code = hl7Code;
		this.fhirCode = fhirCode;
	}

	public String hl7Code() {
		return hl7Code;
	}

	public String fhirCode() {
		return fhirCode;
	}

	public static ResultStatus ofHl7(String code) {
		for (ResultStatus status : values()) {
			if (status.hl7Code.equals(code)) {
				return status;
			}
		}
		throw new InvalidInputException("Result status " + code + " is not one of P, F, C");
	}

}
