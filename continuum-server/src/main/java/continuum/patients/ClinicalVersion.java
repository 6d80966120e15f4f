package continuum.patients;

/**
 * One version of a clinical entry as it was written; {@code deleted} for the version its
 * deletion wrote, which FHIR's history shows as a DELETE.
 */
public record ClinicalVersion<T extends ClinicalEntry>(T entry, boolean deleted) {
}
