package continuum.adt;

import java.time.Instant;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/** A patient was admitted: an encounter is in progress, in the bed if one was given. */
public record PatientAdmitted(EncounterId encounter, PatientId patient, @Nullable BedId bed, Instant at) {
}
