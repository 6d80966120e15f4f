package continuum.lab;

import continuum.patients.PatientId;

/** A specimen was drawn and labelled. */
public record SpecimenCollected(String accession, LabOrderId order, PatientId patient) {
}
