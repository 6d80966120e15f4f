package continuum.adt;

import java.time.Instant;

import continuum.patients.PatientId;

/**
 * An encounter finished and its bed, if any, is free again.
 * <p>
 * Published in the transaction of the change. No module listens yet; the continuity
 * module will, to know which patients an outage touches, as an
 * {@code @ApplicationModuleListener}: after commit, through the event publication
 * registry.
 */
public record PatientDischarged(EncounterId encounter, PatientId patient, Instant at) {
}
