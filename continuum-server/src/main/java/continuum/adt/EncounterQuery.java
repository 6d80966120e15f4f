package continuum.adt;

import java.time.Instant;
import java.util.Set;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Criteria of an encounter search; each one that is set must match. {@code location}
 * matches encounters that ever lay in that bed, or in a bed of that room or ward;
 * {@code from}/{@code to} match encounters whose period overlaps {@code [from, to)}.
 */
public record EncounterQuery(@Nullable PatientId patient, @Nullable LocationRef location, Set<EncounterStatus> statuses,
		@Nullable Instant from, @Nullable Instant to) {

	public EncounterQuery {
		statuses = Set.copyOf(statuses);
	}

	public static EncounterQuery ofPatient(PatientId patient) {
		return new EncounterQuery(patient, null, Set.of(), null, null);
	}

}
