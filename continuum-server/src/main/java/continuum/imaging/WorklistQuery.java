package continuum.imaging;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which scheduled procedure steps to list (the modality worklist's matching keys, PS3.4
 * §K.6.1.2, and the radiographers' page): each criterion that is set must match. Steps
 * start in {@code [from, to)}; {@code patientName} is a DICOM pattern over
 * {@code FAMILY^GIVEN} ({@code *} and {@code ?}, case-insensitive); {@code mrn} the
 * Patient ID. {@code caller} names who asks (a DICOM AE title, a page), for the audit.
 */
public record WorklistQuery(Set<StepStatus> statuses, @Nullable String stationAeTitle, @Nullable String modality,
		@Nullable Instant from, @Nullable Instant to, @Nullable String patientName, @Nullable String mrn,
		@Nullable String accessionNumber, @Nullable String requestedProcedureId, @Nullable String stepId,
		@Nullable String studyInstanceUid, int limit, String caller) {

	public WorklistQuery {
		statuses = statuses.isEmpty() ? EnumSet.allOf(StepStatus.class) : Set.copyOf(statuses);
		limit = Math.max(1, Math.min(limit, 5000));
	}

	/** Steps of any status starting in {@code [from, to)}, for a page. */
	public static WorklistQuery between(Instant from, Instant to, String caller) {
		return new WorklistQuery(Set.of(), null, null, from, to, null, null, null, null, null, null, 1000, caller);
	}

	public WorklistQuery withModality(@Nullable String value) {
		return new WorklistQuery(statuses, stationAeTitle, value, from, to, patientName, mrn, accessionNumber,
				requestedProcedureId, stepId, studyInstanceUid, limit, caller);
	}

	public WorklistQuery withStation(@Nullable String value) {
		return new WorklistQuery(statuses, value, modality, from, to, patientName, mrn, accessionNumber,
				requestedProcedureId, stepId, studyInstanceUid, limit, caller);
	}

}
