package continuum.lab;

import java.time.Instant;
import java.util.List;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * One container of a patient's material, named by its accession number (the barcode on
 * its label, HL7 SPM-2 and SAC-3): which items' tests it carries, who collected it and
 * when, and how the laboratory found it on receipt.
 */
public record Specimen(String accession, LabOrderId order, PatientId patient, String specimenType, String container,
		SpecimenStatus status, List<LabItemId> items, @Nullable String collectedBy, @Nullable Instant collectedAt,
		@Nullable String receivedBy, @Nullable Instant receivedAt, @Nullable SpecimenCondition condition,
		@Nullable String rejectionReason, @Nullable String recollectionOf, Instant updatedAt) {
}
