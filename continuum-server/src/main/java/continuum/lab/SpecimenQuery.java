package continuum.lab;

import java.time.Instant;
import java.util.Set;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Which specimens to find: any criterion left null (or an empty set) does not narrow;
 * {@code updatedFrom} inclusive, {@code updatedUntil} exclusive.
 */
public record SpecimenQuery(@Nullable PatientId patient, @Nullable String accession, Set<SpecimenStatus> statuses,
		@Nullable Instant updatedFrom, @Nullable Instant updatedUntil, int limit, int offset) {

	public SpecimenQuery {
		statuses = Set.copyOf(statuses);
	}

}
