package continuum.imaging;

/**
 * The PACS stored objects of a study, or reconciled, quarantined or re-linked it: its
 * FHIR ImagingStudy changed. Published by whatever changes a study's index rows, in the
 * transaction of the change, once per study per transaction.
 */
public record ImagingStudyChanged(long study) {
}
