package continuum.fhir;

import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.jspecify.annotations.Nullable;

/** The DiagnosticReport search parameters the server supports, as HAPI parsed them. */
public record DiagnosticReportSearch(@Nullable ReferenceParam patient, @Nullable TokenParam code,
		@Nullable DateRangeParam date, @Nullable TokenOrListParam status, @Nullable TokenParam category,
		@Nullable ReferenceParam basedOn, @Nullable DateRangeParam lastUpdated, @Nullable Set<Include> includes) {

	/** Whether the search asks for {@code name} ({@code DiagnosticReport:patient}). */
	public boolean includes(String name) {
		return includes != null && includes.stream().anyMatch(i -> i.getValue().equals(name));
	}

}
