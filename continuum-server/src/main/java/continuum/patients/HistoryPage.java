package continuum.patients;

import java.util.List;

/**
 * One page of a resource's (or a resource type's) versions, newest first, with how many
 * versions match in all: FHIR's {@code _history}.
 */
public record HistoryPage<T>(List<T> versions, int total) {

	public HistoryPage {
		versions = List.copyOf(versions);
	}

}
