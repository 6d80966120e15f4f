package continuum.patients;

import java.time.LocalDate;
import java.util.Set;

import continuum.fhir.SearchControls;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A search of clinical entries: of one patient (or all), with one of the statuses
 * (clinical status for allergies and problems, status for medications) and none of the
 * excluded ones, dated within [from, to] (recorded date, start of the period, onset),
 * coded with {@code code} (in {@code codeSystem} when given), and the parameters every
 * FHIR type has in {@code controls}.
 */
public record ClinicalQuery(@Nullable PatientId patient, Set<String> statuses, @Nullable LocalDate from,
		@Nullable LocalDate to, int limit, int offset, Set<String> excludedStatuses, @Nullable String codeSystem,
		@Nullable String code, SearchControls controls) {

	public ClinicalQuery(@Nullable PatientId patient, Set<String> statuses, @Nullable LocalDate from,
			@Nullable LocalDate to, int limit, int offset) {
		this(patient, statuses, from, to, limit, offset, Set.of(), null, null, SearchControls.NONE);
	}

	public ClinicalQuery {
		statuses = Set.copyOf(statuses == null ? Set.of() : statuses);
		excludedStatuses = Set.copyOf(excludedStatuses);
		if (limit < 0 || limit > PatientQuery.MAX_LIMIT || offset < 0) {
			throw new InvalidInputException("A search answers between 0 and " + PatientQuery.MAX_LIMIT
					+ " results per page from a non-negative offset");
		}
	}

	/** The same search with other common controls. */
	public ClinicalQuery withControls(SearchControls newControls) {
		return new ClinicalQuery(patient, statuses, from, to, limit, offset, excludedStatuses, codeSystem, code,
				newControls);
	}

	public static ClinicalQuery of(PatientId patient) {
		return new ClinicalQuery(patient, Set.of(), null, null, PatientQuery.MAX_LIMIT, 0);
	}

}
