package continuum.lab;

import continuum.patients.PatientId;

/** A clinician placed a laboratory order (its items and specimens are in the order). */
public record LabOrderPlaced(LabOrderId order, PatientId patient) {
}
