package continuum.imaging;

import java.time.Instant;

import continuum.patients.PatientId;

/** A signed report was changed and signed again; its earlier versions are kept. */
public record ImagingReportAmended(ImagingReportId report, long requestedProcedure, PatientId patient, String amendedBy,
		int version, Instant at) {
}
