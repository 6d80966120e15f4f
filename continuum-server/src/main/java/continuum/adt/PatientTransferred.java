package continuum.adt;

import java.time.Instant;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/** A patient moved to another bed within the same encounter. */
public record PatientTransferred(EncounterId encounter, PatientId patient, @Nullable BedId from, BedId to, Instant at) {
}
