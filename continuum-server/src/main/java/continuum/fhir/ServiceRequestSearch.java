package continuum.fhir;

import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.jspecify.annotations.Nullable;

/**
 * The ServiceRequest search parameters the server supports, as HAPI parsed them, with the
 * parameters every type has in {@code controls} ({@code _id}, {@code _lastUpdated},
 * {@code _sort}, and the patients a chain on {@code patient} resolved to).
 * {@code patient} is the plain reference only ({@code patient=7}); a chain is resolved
 * before the sources see the search.
 */
public record ServiceRequestSearch(@Nullable ReferenceParam patient, @Nullable TokenParam code,
		@Nullable TokenOrListParam status, @Nullable TokenParam category, @Nullable DateRangeParam authored,
		@Nullable TokenParam requisition, @Nullable TokenParam identifier, @Nullable Set<Include> includes,
		SearchControls controls) {

	/** Whether the search asks for {@code name} ({@code ServiceRequest:patient}). */
	public boolean includes(String name) {
		return includes != null && includes.stream().anyMatch(i -> i.getValue().equals(name));
	}

	/** The same search with other common controls. */
	public ServiceRequestSearch withControls(SearchControls other) {
		return new ServiceRequestSearch(patient, code, status, category, authored, requisition, identifier, includes,
				other);
	}

}
