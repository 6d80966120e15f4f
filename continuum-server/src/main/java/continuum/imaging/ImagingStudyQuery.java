package continuum.imaging;

import java.time.Instant;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A search of the PACS's studies: any of patient, Study Instance UID, accession number,
 * start (as instants; the study date and time are Brussels time), modality (of any of its
 * series) and last change; a page of {@code count} from {@code offset}.
 */
public record ImagingStudyQuery(@Nullable PatientId patient, @Nullable String studyInstanceUid,
		@Nullable String accessionNumber, @Nullable Instant startedFrom, @Nullable Instant startedUntil,
		@Nullable String modality, @Nullable Instant updatedFrom, @Nullable Instant updatedUntil, int count,
		int offset) {
}
