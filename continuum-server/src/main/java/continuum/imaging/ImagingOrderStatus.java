package continuum.imaging;

/**
 * An order's state: active while a procedure is still to be done, completed when every
 * procedure is completed or discontinued (and at least one was done), revoked when
 * cancelled before any was performed. The FHIR ServiceRequest status codes.
 */
public enum ImagingOrderStatus {

	ACTIVE, COMPLETED, REVOKED;

	public String fhirCode() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
