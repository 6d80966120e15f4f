package continuum.patients;

import java.time.Instant;

/**
 * A duplicate patient record was merged into the survivor; the duplicate stays, linked to
 * the survivor.
 */
public record PatientsMerged(PatientId duplicate, PatientId survivor, Instant mergedAt) {
}
