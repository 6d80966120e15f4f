package continuum.security;

import org.springframework.security.access.AccessDeniedException;

/**
 * The caller's role allows the access, but the patient's record is restricted and the
 * caller has no care relationship with the patient and no break-the-glass in force. The
 * web answers with the break-the-glass page, FHIR with 403 and an OperationOutcome that
 * says how to break the glass.
 */
public class RestrictedRecordException extends AccessDeniedException {

	private final String patientId;

	public RestrictedRecordException(String patientId) {
		super("The record of patient " + patientId + " is restricted: only the care team may open it. In an "
				+ "emergency, break the glass (web: open the chart; API: POST /api/break-the-glass with patient and "
				+ "reason).");
		this.patientId = patientId;
	}

	public String patientId() {
		return patientId;
	}

}
