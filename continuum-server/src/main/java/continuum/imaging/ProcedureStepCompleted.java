package continuum.imaging;

import continuum.patients.PatientId;

/**
 * A modality completed a scheduled procedure step (MPPS, or by hand on the worklist
 * page).
 */
public record ProcedureStepCompleted(long step, String accessionNumber, String studyInstanceUid, PatientId patient) {
}
