package continuum.imaging.pacs;

/** How a quarantined study was resolved. */
public enum QuarantineResolution {

	/** Assigned to a requested procedure (and so to its patient). */
	ASSIGNED_ORDER,

	/** Assigned to a patient, without an order. */
	ASSIGNED_PATIENT,

	/** Rejected: the study's objects and index rows were deleted. */
	REJECTED

}
