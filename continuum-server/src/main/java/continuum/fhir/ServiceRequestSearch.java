package continuum.fhir;

import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.jspecify.annotations.Nullable;

/** The ServiceRequest search parameters the server supports, as HAPI parsed them. */
public record ServiceRequestSearch(@Nullable ReferenceParam patient, @Nullable TokenParam code,
		@Nullable TokenOrListParam status, @Nullable TokenParam category, @Nullable DateRangeParam authored,
		@Nullable DateRangeParam lastUpdated, @Nullable TokenParam requisition, @Nullable TokenParam identifier,
		@Nullable Set<Include> includes) {

	/** Whether the search asks for {@code name} ({@code ServiceRequest:patient}). */
	public boolean includes(String name) {
		return includes != null && includes.stream().anyMatch(i -> i.getValue().equals(name));
	}

}
