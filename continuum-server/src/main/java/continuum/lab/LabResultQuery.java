package continuum.lab;

import java.time.Instant;
import java.util.Set;

import continuum.fhir.SearchControls;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Which released results to find: any criterion left null (or an empty set) does not
 * narrow. Times are half-open ranges ({@code from} inclusive, {@code until} exclusive):
 * observed is when the value was measured, updated the result's last change.
 * {@code accession} is the specimen's, {@code item} the order item's (the ServiceRequest
 * the result is based on). {@code controls} carry the parameters every FHIR type has.
 */
public record LabResultQuery(@Nullable PatientId patient, @Nullable String testCode, Set<ResultStatus> statuses,
		@Nullable Instant observedFrom, @Nullable Instant observedUntil, @Nullable Instant updatedFrom,
		@Nullable Instant updatedUntil, @Nullable String accession, @Nullable LabItemId item, int limit, int offset,
		SearchControls controls) {

	public LabResultQuery(@Nullable PatientId patient, @Nullable String testCode, Set<ResultStatus> statuses,
			@Nullable Instant observedFrom, @Nullable Instant observedUntil, @Nullable Instant updatedFrom,
			@Nullable Instant updatedUntil, @Nullable String accession, @Nullable LabItemId item, int limit,
			int offset) {
		this(patient, testCode, statuses, observedFrom, observedUntil, updatedFrom, updatedUntil, accession, item,
				limit, offset, SearchControls.NONE);
	}

	/** The same search with other common controls. */
	public LabResultQuery withControls(SearchControls newControls) {
		return new LabResultQuery(patient, testCode, statuses, observedFrom, observedUntil, updatedFrom, updatedUntil,
				accession, item, limit, offset, newControls);
	}

	public LabResultQuery {
		statuses = Set.copyOf(statuses);
	}

}
