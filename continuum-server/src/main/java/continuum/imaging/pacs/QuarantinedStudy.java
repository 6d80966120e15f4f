package continuum.imaging.pacs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A study in quarantine as the page lists it: the reason, and the identifiers the objects
 * carry (Patient ID and Accession Number, shown to the radiographer who resolves it,
 * never logged).
 */
public record QuarantinedStudy(long id, long studyId, String studyInstanceUid, QuarantineReason reason, String details,
		Instant quarantinedAt, @Nullable String accessionNumber, String dicomPatientId, int instanceCount,
		List<String> modalities, @Nullable LocalDate studyDate, @Nullable Long requestedProcedureId) {
}
