package continuum.lab;

import java.util.Optional;

/**
 * Where the report of an order item stands, from its released results (FHIR R4
 * diagnostic-report-status): partial while some of the item's tests have no released
 * result, preliminary when all do but one of them is preliminary, final when all are
 * final, corrected once a released result has been corrected.
 */
public enum ReportStatus {

	PARTIAL("partial"), PRELIMINARY("preliminary"), FINAL("final"), CORRECTED("corrected");

	private final String fhirCode;

	ReportStatus(String fhirCode) {
		this.fhirCode = fhirCode;
	}

	public String fhirCode() {
		return fhirCode;
	}

	public static Optional<ReportStatus> ofFhirCode(String code) {
		for (ReportStatus status : values()) {
			if (status.fhirCode.equals(code)) {
				return Optional.of(status);
			}
		}
		return Optional.empty();
	}

}
