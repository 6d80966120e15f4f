package continuum.imaging;

import java.time.Instant;

import continuum.patients.PatientSummary;
import org.jspecify.annotations.Nullable;

/**
 * A line of the radiologist's worklist: a requested procedure performed (or with images
 * in the PACS) whose report is not signed yet, since when it waits, and the report begun
 * for it, if any.
 */
public record ReadingItem(ReportedProcedure procedure, PatientSummary patient, Instant waitingSince,
		@Nullable ImagingReportStatus reportStatus) {
}
