package continuum.imaging;

import continuum.patients.PatientId;

/**
 * A modality discontinued a scheduled procedure step (MPPS, or by hand on the worklist
 * page).
 */
public record ProcedureStepDiscontinued(long step, String accessionNumber, String studyInstanceUid, PatientId patient) {
}
