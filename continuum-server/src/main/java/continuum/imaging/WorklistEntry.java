package continuum.imaging;

import java.time.Instant;

import continuum.patients.PatientSummary;
import org.jspecify.annotations.Nullable;

/**
 * One worklist item (PS3.4 §K.6.1): a scheduled procedure step with its requested
 * procedure, order and patient.
 */
public record WorklistEntry(ProcedureStep step, long requestedProcedure, ImagingProcedure procedure,
		String accessionNumber, String requestedProcedureId, String studyInstanceUid, ProcedureStatus procedureStatus,
		ImagingOrderId order, String placerNumber, ImagingPriority priority, String orderedBy, @Nullable String reason,
		Instant orderedAt, PatientSummary patient) {
}
