package continuum.privacy;

import java.time.Instant;

import continuum.patients.PatientId;

/** A restricted record: whose, why, set by whom and when. */
public record Restriction(PatientId patient, RestrictionKind kind, String setBy, Instant setAt) {
}
