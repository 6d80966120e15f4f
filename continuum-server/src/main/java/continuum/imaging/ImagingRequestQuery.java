package continuum.imaging;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import continuum.fhir.SearchControls;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Which requested procedures to find (FHIR ServiceRequest search): any criterion left
 * null does not narrow, an empty set of statuses means every status. Times are half-open
 * ranges, {@code from} inclusive and {@code until} exclusive; authored is when the order
 * was placed, updated the requested procedure's last change. {@code accession},
 * {@code placerNumber} and {@code studyInstanceUid} must each equal when set;
 * {@code anyNumber} is either the accession or the placer number. A page of {@code limit}
 * from {@code offset}, newest order first unless {@code controls} (the parameters every
 * FHIR type has) sort otherwise.
 */
public record ImagingRequestQuery(@Nullable PatientId patient, @Nullable String procedureCode,
		Set<ProcedureStatus> statuses, @Nullable Instant authoredFrom, @Nullable Instant authoredUntil,
		@Nullable Instant updatedFrom, @Nullable Instant updatedUntil, @Nullable String accession,
		@Nullable String placerNumber, @Nullable String anyNumber, @Nullable String studyInstanceUid, int limit,
		int offset, SearchControls controls) {

	public ImagingRequestQuery(@Nullable PatientId patient, @Nullable String procedureCode,
			Set<ProcedureStatus> statuses, @Nullable Instant authoredFrom, @Nullable Instant authoredUntil,
			@Nullable Instant updatedFrom, @Nullable Instant updatedUntil, @Nullable String accession,
			@Nullable String placerNumber, @Nullable String anyNumber, @Nullable String studyInstanceUid, int limit,
			int offset) {
		this(patient, procedureCode, statuses, authoredFrom, authoredUntil, updatedFrom, updatedUntil, accession,
				placerNumber, anyNumber, studyInstanceUid, limit, offset, SearchControls.NONE);
	}

	public ImagingRequestQuery {
		statuses = statuses.isEmpty() ? EnumSet.allOf(ProcedureStatus.class) : Set.copyOf(statuses);
	}

	/** The same search for another page. */
	public ImagingRequestQuery page(int newLimit, int newOffset) {
		return new ImagingRequestQuery(patient, procedureCode, statuses, authoredFrom, authoredUntil, updatedFrom,
				updatedUntil, accession, placerNumber, anyNumber, studyInstanceUid, newLimit, newOffset, controls);
	}

}
