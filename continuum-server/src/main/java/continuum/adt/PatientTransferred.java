package continuum.adt;

import java.time.Instant;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A patient moved to another bed within the same encounter.
 * <p>
 * Published in the transaction of the change. No module listens yet; the continuity
 * module will, to know which patients an outage touches, as an
 * {@code @ApplicationModuleListener}: after commit, through the event publication
 * registry.
 */
public record PatientTransferred(EncounterId encounter, PatientId patient, @Nullable BedId from, BedId to, Instant at) {
}
