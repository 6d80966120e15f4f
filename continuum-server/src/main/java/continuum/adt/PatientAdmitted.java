package continuum.adt;

import java.time.Instant;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A patient was admitted: an encounter is in progress, in the bed if one was given.
 * <p>
 * Published in the transaction of the change. No module listens yet; the continuity
 * module will, to know which patients an outage touches, as an
 * {@code @ApplicationModuleListener}: after commit, through the event publication
 * registry.
 */
public record PatientAdmitted(EncounterId encounter, PatientId patient, @Nullable BedId bed, Instant at) {
}
