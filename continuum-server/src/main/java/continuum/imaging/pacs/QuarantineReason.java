package continuum.imaging.pacs;

/**
 * Why a study is in quarantine (table {@code pacs_quarantine}); stable codes for the
 * page, the runbook and tests.
 */
public enum QuarantineReason {

	/** No requested procedure has the objects' Accession Number (0008,0050). */
	UNKNOWN_ACCESSION,

	/** The objects' Patient ID (0010,0020) is no patient's MRN. */
	UNKNOWN_PATIENT,

	/** The Patient ID is the MRN of another patient than the order's. */
	PATIENT_MISMATCH,

	/**
	 * An object names another patient or accession number than the objects received
	 * before it for the same study.
	 */
	INCONSISTENT_STUDY

}
