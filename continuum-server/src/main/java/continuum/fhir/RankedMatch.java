package continuum.fhir;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One match of a source that shares a resource type with other modules' sources, as a
 * search sorted across them orders it: its FHIR id and the values of the sort keys the
 * type offers ({@code _lastUpdated}, and the type's date: {@code authored} of a
 * ServiceRequest, {@code date} of a DiagnosticReport). Read exactly as the source's SQL
 * sorts them, so that merging the sources' first matches gives the order one query over
 * all of them would.
 */
public record RankedMatch(String id, Instant lastUpdated, @Nullable Instant date) {

	/**
	 * A source's first matches in the order a search asks, and how many it has in all.
	 */
	public record Ranking(List<RankedMatch> first, int total) {

		public static final Ranking EMPTY = new Ranking(List.of(), 0);

		public Ranking {
			first = List.copyOf(first);
		}

	}

}
