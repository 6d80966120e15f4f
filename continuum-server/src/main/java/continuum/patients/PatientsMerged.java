package continuum.patients;

import java.time.Instant;

/**
 * A duplicate patient record was merged into the survivor; the duplicate stays, linked to
 * the survivor.
 * <p>
 * Published in the transaction of the merge. No module listens yet. Its consumers are the
 * modules that file their own rows under a patient id: adt's encounters and scheduling's
 * appointments stay under the duplicate today (the survivor's chart does not show them),
 * and lab and imaging orders will be filed the same way. Each follows a merge by
 * listening to this event as an {@code @ApplicationModuleListener} (after commit, through
 * the event publication registry).
 */
public record PatientsMerged(PatientId duplicate, PatientId survivor, Instant mergedAt) {
}
