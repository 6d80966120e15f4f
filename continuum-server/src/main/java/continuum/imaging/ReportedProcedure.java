package continuum.imaging;

import java.time.Instant;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * The requested procedure a report is about, as radiology reads it: its identifiers
 * (accession number, Study Instance UID), the catalogue's procedure, the order's priority
 * and status, and the PACS study received for it (with its instance count and when it
 * arrived), if any.
 */
public record ReportedProcedure(long id, long order, PatientId patient, String accessionNumber, String studyInstanceUid,
		String procedureCode, String codingScheme, String procedureName, String modality, String priority,
		String status, Instant updatedAt, @Nullable Long pacsStudy, int instances, @Nullable Instant imagesReceived) {
}
