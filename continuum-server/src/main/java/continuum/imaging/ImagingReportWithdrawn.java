package continuum.imaging;

import java.time.Instant;

import continuum.patients.PatientId;

/**
 * A report was marked entered in error (the wrong patient or study): it is shown nowhere.
 */
public record ImagingReportWithdrawn(ImagingReportId report, long requestedProcedure, PatientId patient,
		String withdrawnBy, Instant at) {
}
