package continuum.adt;

import java.time.Instant;

import continuum.patients.PatientId;

/** An encounter finished and its bed, if any, is free again. */
public record PatientDischarged(EncounterId encounter, PatientId patient, Instant at) {
}
