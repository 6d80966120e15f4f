package continuum.lab;

import java.time.Instant;
import java.util.Set;

import continuum.fhir.SearchControls;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Which specimens to find: any criterion left null (or an empty set) does not narrow;
 * {@code updatedFrom} inclusive, {@code updatedUntil} exclusive; {@code controls} carry
 * the parameters every FHIR type has.
 */
public record SpecimenQuery(@Nullable PatientId patient, @Nullable String accession, Set<SpecimenStatus> statuses,
		@Nullable Instant updatedFrom, @Nullable Instant updatedUntil, int limit, int offset, SearchControls controls) {

	public SpecimenQuery(@Nullable PatientId patient, @Nullable String accession, Set<SpecimenStatus> statuses,
			@Nullable Instant updatedFrom, @Nullable Instant updatedUntil, int limit, int offset) {
		this(patient, accession, statuses, updatedFrom, updatedUntil, limit, offset, SearchControls.NONE);
	}

	/** The same search with other common controls. */
	public SpecimenQuery withControls(SearchControls newControls) {
		return new SpecimenQuery(patient, accession, statuses, updatedFrom, updatedUntil, limit, offset, newControls);
	}

	public SpecimenQuery {
		statuses = Set.copyOf(statuses);
	}

}
