package continuum.imaging.pacs;

import org.jspecify.annotations.Nullable;

/**
 * How a study's objects match the RIS and the patient register: reconciled to a patient
 * (and to a requested procedure when they carry its accession number), or quarantined for
 * a reason.
 */
record Reconciliation(Status status, @Nullable Long patientId, @Nullable Long requestedProcedureId,
		@Nullable QuarantineReason reason, String details) {

	enum Status {

		RECONCILED, QUARANTINED

	}

	static Reconciliation reconciled(long patientId, @Nullable Long requestedProcedureId) {
		return new Reconciliation(Status.RECONCILED, patientId, requestedProcedureId, null, "");
	}

	static Reconciliation quarantined(QuarantineReason reason, @Nullable Long requestedProcedureId, String details) {
		return new Reconciliation(Status.QUARANTINED, null, requestedProcedureId, reason, details);
	}

}
