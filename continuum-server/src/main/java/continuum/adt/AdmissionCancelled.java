package continuum.adt;

import java.time.Instant;

import continuum.patients.PatientId;

/** An encounter was called off or entered in error; its bed, if any, is free again. */
public record AdmissionCancelled(EncounterId encounter, PatientId patient, Instant at) {
}
