package continuum.lab;

import continuum.patients.PatientId;

/** The laboratory received a specimen in acceptable condition. */
public record SpecimenReceived(String accession, LabOrderId order, PatientId patient) {
}
