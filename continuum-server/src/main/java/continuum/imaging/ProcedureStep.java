package continuum.imaging;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A scheduled procedure step (PS3.3 §C.4.10): the Scheduled Procedure Step ID, modality,
 * station AE title and name, start and duration, its status, the scheduling module's
 * appointment when it was booked on the modality's schedule, and the MPPS instance that
 * performed it.
 */
public record ProcedureStep(long id, String stepId, String modality, @Nullable String stationAeTitle,
		@Nullable String stationName, Instant start, int durationMinutes, StepStatus status,
		@Nullable String performingPhysician, @Nullable Long appointmentId, @Nullable String mppsInstanceUid,
		int version) {
}
