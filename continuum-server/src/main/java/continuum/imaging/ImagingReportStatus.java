package continuum.imaging;

/**
 * Where a radiology report stands, with its FHIR DiagnosticReport status: a draft is the
 * radiologist's own (no FHIR client sees one); a preliminary report is a provisional
 * reading that clinicians see marked as such; final and amended reports are signed.
 */
public enum ImagingReportStatus {

	DRAFT("registered"), PRELIMINARY("preliminary"), FINAL("final"), AMENDED("amended"),
	ENTERED_IN_ERROR("entered-in-error");

	private final String fhirCode;

	ImagingReportStatus(String fhirCode) {
		this.fhirCode = fhirCode;
	}

	public String fhirCode() {
		return fhirCode;
	}

	/** As pages name it: draft, preliminary, final, amended, entered in error. */
	public String label() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
	}

	/** Signed by a radiologist: final or amended. */
	public boolean signed() {
		return this == FINAL || this == AMENDED;
	}

	/** Seen outside radiology: preliminary, final, amended. */
	public boolean released() {
		return this == PRELIMINARY || signed();
	}

	/** The status of a FHIR code, or null for a code no imaging report has. */
	public static @org.jspecify.annotations.Nullable ImagingReportStatus ofFhirCode(String code) {
		for (ImagingReportStatus status : values()) {
			if (status.fhirCode.equals(code)) {
				return status;
			}
		}
		return null;
	}

}
