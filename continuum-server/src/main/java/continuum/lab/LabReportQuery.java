package continuum.lab;

import java.time.Instant;
import java.util.Set;

import continuum.fhir.SearchControls;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Which reports (order items with at least one released result) to find: any criterion
 * left null (or an empty set) does not narrow. Times are half-open ranges; effective is
 * the report's {@link LabReport#effective()}, updated its
 * {@link LabReport#lastUpdated()}. {@code controls} carry the parameters every FHIR type
 * has.
 */
public record LabReportQuery(@Nullable PatientId patient, @Nullable String orderableCode, Set<ReportStatus> statuses,
		@Nullable Instant effectiveFrom, @Nullable Instant effectiveUntil, @Nullable Instant updatedFrom,
		@Nullable Instant updatedUntil, @Nullable LabItemId item, int limit, int offset, SearchControls controls) {

	public LabReportQuery(@Nullable PatientId patient, @Nullable String orderableCode, Set<ReportStatus> statuses,
			@Nullable Instant effectiveFrom, @Nullable Instant effectiveUntil, @Nullable Instant updatedFrom,
			@Nullable Instant updatedUntil, @Nullable LabItemId item, int limit, int offset) {
		this(patient, orderableCode, statuses, effectiveFrom, effectiveUntil, updatedFrom, updatedUntil, item, limit,
				offset, SearchControls.NONE);
	}

	public LabReportQuery {
		statuses = Set.copyOf(statuses);
	}

}
