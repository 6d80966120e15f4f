package continuum.lab;

import java.util.List;

import continuum.patients.PatientId;

/**
 * Items of a laboratory order were cancelled (revoked) before any result was released.
 */
public record LabOrderCancelled(LabOrderId order, PatientId patient, List<LabItemId> items) {
}
