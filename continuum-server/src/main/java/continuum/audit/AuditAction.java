package continuum.audit;

/**
 * What was done; the FHIR AuditEvent action code each maps to follows the REST
 * interaction.
 */
public enum AuditAction {

	READ("R"), SEARCH("E"), CREATE("C"), UPDATE("U"), DELETE("D"), LOGIN("E"), LOGOUT("E"), TOKEN("E"), EXPORT("R");

	private final String fhirCode;

	AuditAction(String fhirCode) {
		this.fhirCode = fhirCode;
	}

	public String fhirCode() {
		return fhirCode;
	}

}
