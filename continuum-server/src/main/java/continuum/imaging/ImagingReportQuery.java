package continuum.imaging;

import java.time.Instant;
import java.util.Set;

import continuum.fhir.SearchControls;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A search of reports (FHIR DiagnosticReport of the radiology category): statuses (never
 * a draft; empty means preliminary, final and amended), patient, procedure code, the
 * requested procedure, when issued (signed, or last written while preliminary) and last
 * changed; a page of {@code limit} from {@code offset}, with {@code controls} (the
 * parameters every FHIR type has).
 */
public record ImagingReportQuery(Set<ImagingReportStatus> statuses, @Nullable PatientId patient,
		@Nullable String procedureCode, @Nullable Long requestedProcedure, @Nullable Instant issuedFrom,
		@Nullable Instant issuedUntil, @Nullable Instant updatedFrom, @Nullable Instant updatedUntil, int limit,
		int offset, SearchControls controls) {

	public ImagingReportQuery(Set<ImagingReportStatus> statuses, @Nullable PatientId patient,
			@Nullable String procedureCode, @Nullable Long requestedProcedure, @Nullable Instant issuedFrom,
			@Nullable Instant issuedUntil, @Nullable Instant updatedFrom, @Nullable Instant updatedUntil, int limit,
			int offset) {
		this(statuses, patient, procedureCode, requestedProcedure, issuedFrom, issuedUntil, updatedFrom, updatedUntil,
				limit, offset, SearchControls.NONE);
	}

	public static final Set<ImagingReportStatus> RELEASED = Set.of(ImagingReportStatus.PRELIMINARY,
			ImagingReportStatus.FINAL, ImagingReportStatus.AMENDED);

	public ImagingReportQuery {
		statuses = statuses.isEmpty() ? RELEASED : Set.copyOf(statuses);
		if (statuses.contains(ImagingReportStatus.DRAFT)) {
			throw new IllegalArgumentException("Drafts are never searched");
		}
	}

}
