package continuum.imaging;

import continuum.patients.PatientId;

/**
 * A modality started a scheduled procedure step (MPPS, or by hand on the worklist page).
 */
public record ProcedureStepStarted(long step, String accessionNumber, String studyInstanceUid, PatientId patient) {
}
