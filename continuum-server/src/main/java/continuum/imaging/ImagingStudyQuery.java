package continuum.imaging;

import java.time.Instant;

import continuum.fhir.SearchControls;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A search of the PACS's studies: any of patient, Study Instance UID, accession number,
 * start (as instants; the study date and time are Brussels time), modality (of any of its
 * series) and last change; a page of {@code count} from {@code offset}; {@code controls}
 * carry the parameters every FHIR type has.
 */
public record ImagingStudyQuery(@Nullable PatientId patient, @Nullable String studyInstanceUid,
		@Nullable String accessionNumber, @Nullable Instant startedFrom, @Nullable Instant startedUntil,
		@Nullable String modality, @Nullable Instant updatedFrom, @Nullable Instant updatedUntil, int count, int offset,
		SearchControls controls) {

	public ImagingStudyQuery(@Nullable PatientId patient, @Nullable String studyInstanceUid,
			@Nullable String accessionNumber, @Nullable Instant startedFrom, @Nullable Instant startedUntil,
			@Nullable String modality, @Nullable Instant updatedFrom, @Nullable Instant updatedUntil, int count,
			int offset) {
		this(patient, studyInstanceUid, accessionNumber, startedFrom, startedUntil, modality, updatedFrom, updatedUntil,
				count, offset, SearchControls.NONE);
	}

	/** The same search with other common controls. */
	public ImagingStudyQuery withControls(SearchControls newControls) {
		return new ImagingStudyQuery(patient, studyInstanceUid, accessionNumber, startedFrom, startedUntil, modality,
				updatedFrom, updatedUntil, count, offset, newControls);
	}

}
