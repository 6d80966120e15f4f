package continuum.lab;

/**
 * Where an order or one of its items stands; FHIR request-status codes. Completed: every
 * result released (or the item cancelled); revoked: cancelled before any result was
 * released.
 */
public enum OrderStatus {

	ACTIVE("active"), COMPLETED("completed"), REVOKED("revoked");

	private final String fhirCode;

	OrderStatus(String fhirCode) {
		this.fhirCode = fhirCode;
	}

	public String fhirCode() {
		return fhirCode;
	}

}
