package continuum.imaging;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One kept version of a report: what it said, in which status, who wrote it and when. */
public record ImagingReportVersion(int version, ImagingReportStatus status, String findings, String impression,
		String author, Instant writtenAt, @Nullable String reason) {
}
