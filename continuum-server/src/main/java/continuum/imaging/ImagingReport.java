package continuum.imaging;

import java.time.Instant;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A radiology report as it stands, with the requested procedure it reports on: findings
 * and impression (the conclusion), the radiologist who wrote the current version and,
 * once signed, the one who signed it.
 */
public record ImagingReport(ImagingReportId id, ReportedProcedure procedure, PatientId patient,
		ImagingReportStatus status, String findings, String impression, String author, @Nullable String verifiedBy,
		@Nullable Instant verifiedAt, Instant createdAt, Instant updatedAt, int version) {
}
