package continuum.adt;

import java.time.Instant;
import java.util.Set;

import continuum.fhir.SearchControls;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Criteria of an encounter search; each one that is set must match. {@code location}
 * matches encounters that ever lay in that bed, or in a bed of that room or ward;
 * {@code from}/{@code to} match encounters whose period overlaps {@code [from, to)};
 * {@code controls} carry the parameters every FHIR type has.
 */
public record EncounterQuery(@Nullable PatientId patient, @Nullable LocationRef location, Set<EncounterStatus> statuses,
		@Nullable Instant from, @Nullable Instant to, SearchControls controls) {

	public EncounterQuery(@Nullable PatientId patient, @Nullable LocationRef location, Set<EncounterStatus> statuses,
			@Nullable Instant from, @Nullable Instant to) {
		this(patient, location, statuses, from, to, SearchControls.NONE);
	}

	/** The same search with other common controls. */
	public EncounterQuery withControls(SearchControls newControls) {
		return new EncounterQuery(patient, location, statuses, from, to, newControls);
	}

	public EncounterQuery {
		statuses = Set.copyOf(statuses);
	}

	public static EncounterQuery ofPatient(PatientId patient) {
		return new EncounterQuery(patient, null, Set.of(), null, null);
	}

}
