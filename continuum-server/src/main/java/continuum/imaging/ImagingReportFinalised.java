package continuum.imaging;

import java.time.Instant;

import continuum.patients.PatientId;

/** A radiologist signed a report: its text is final. */
public record ImagingReportFinalised(ImagingReportId report, long requestedProcedure, PatientId patient,
		String verifiedBy, Instant at) {
}
