package continuum.lab;

import continuum.patients.PatientId;

/**
 * The laboratory rejected a specimen on receipt; {@code recollection} is the new specimen
 * asked for in its place.
 */
public record SpecimenRejected(String accession, String recollection, LabOrderId order, PatientId patient) {
}
