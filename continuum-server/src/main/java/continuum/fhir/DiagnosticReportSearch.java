package continuum.fhir;

import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.jspecify.annotations.Nullable;

/**
 * The DiagnosticReport search parameters the server supports, as HAPI parsed them, with
 * the parameters every type has in {@code controls} ({@code _id}, {@code _lastUpdated},
 * {@code _sort}, and the patients a chain on {@code patient} resolved to).
 * {@code patient} is the plain reference only; a chain is resolved before the sources see
 * the search.
 */
public record DiagnosticReportSearch(@Nullable ReferenceParam patient, @Nullable TokenParam code,
		@Nullable DateRangeParam date, @Nullable TokenOrListParam status, @Nullable TokenParam category,
		@Nullable ReferenceParam basedOn, @Nullable Set<Include> includes, SearchControls controls) {

	/** Whether the search asks for {@code name} ({@code DiagnosticReport:patient}). */
	public boolean includes(String name) {
		return includes != null && includes.stream().anyMatch(i -> i.getValue().equals(name));
	}

	/** The same search with other common controls. */
	public DiagnosticReportSearch withControls(SearchControls other) {
		return new DiagnosticReportSearch(patient, code, date, status, category, basedOn, includes, other);
	}

}
