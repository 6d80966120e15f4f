package continuum.patients;

import java.time.LocalDate;
import java.util.Set;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A search of clinical entries: of one patient (or all), with one of the statuses
 * (clinical status for allergies and problems, status for medications), dated within
 * [from, to] (recorded date, start of the period, onset).
 */
public record ClinicalQuery(@Nullable PatientId patient, Set<String> statuses, @Nullable LocalDate from,
		@Nullable LocalDate to, int limit, int offset) {

	public ClinicalQuery {
		statuses = Set.copyOf(statuses == null ? Set.of() : statuses);
		if (limit < 0 || limit > PatientQuery.MAX_LIMIT || offset < 0) {
			throw new InvalidInputException("A search answers between 0 and " + PatientQuery.MAX_LIMIT
					+ " results per page from a non-negative offset");
		}
	}

	public static ClinicalQuery of(PatientId patient) {
		return new ClinicalQuery(patient, Set.of(), null, null, PatientQuery.MAX_LIMIT, 0);
	}

}
