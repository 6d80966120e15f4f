package continuum.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.jspecify.annotations.Nullable;

/**
 * One page of a search that several modules' sources answer (DiagnosticReport,
 * ServiceRequest), the total their sum, each included resource once (a patient of two
 * sources' matches). Without {@code _sort}, the sources' matches one source after the
 * other. With {@code _sort}, merged by the sort keys: each source ranks its first
 * {@code offset + count} matches (ids and sort values, one cheap query), the page is cut
 * from their merge, and each source then reads the ids of the page that are its own, as a
 * search (audited as such); so the order and the pages are those of one query over all
 * sources, and only the records shown are read and audited.
 */
final class SourcePaging {

	/** What one source found: a window of its matches, what they include, its total. */
	record Slice(List<? extends IBaseResource> matches, List<? extends IBaseResource> included, int total) {
	}

	/**
	 * One source's search for the window {@code [first, first + size)} of its matches.
	 */
	interface Source {

		Slice search(int first, int size);

	}

	/** One source of a search sorted across sources. */
	interface RankedSource {

		/** Its first {@code limit} matches in the sort order, and its total. */
		RankedMatch.Ranking rank(int limit);

		/**
		 * Its matches among these ids (a search narrowed to them, audited as the search),
		 * in any order; empty ids still audit the search.
		 */
		Slice read(Set<String> ids);

	}

	private SourcePaging() {
	}

	static IBundleProvider page(List<Source> sources, int first, int size) {
		int skip = first;
		int room = size;
		int total = 0;
		List<IBaseResource> matches = new ArrayList<>();
		List<IBaseResource> included = new ArrayList<>();
		for (Source source : sources) {
			Slice slice = source.search(skip, room);
			total += slice.total();
			matches.addAll(slice.matches());
			included.addAll(slice.included());
			room -= slice.matches().size();
			skip = Math.max(0, skip - slice.total());
		}
		return Paging.page(matches, dedupe(included), total, first, size);
	}

	/**
	 * The page {@code [first, first + size)} of the sources' matches merged in the order
	 * of {@code sort}, whose keys are {@code _id}, {@code _lastUpdated} and
	 * {@code dateKey} (the type's date parameter); ties go to the earlier source, then to
	 * the source's own order.
	 */
	static IBundleProvider merged(List<RankedSource> sources, List<SearchControls.SortKey> sort, String dateKey,
			int first, int size) {
		int limit = (int) Math.min((long) first + size, Integer.MAX_VALUE);
		List<Ranked> all = new ArrayList<>();
		int total = 0;
		for (int s = 0; s < sources.size(); s++) {
			RankedMatch.Ranking ranking = sources.get(s).rank(limit);
			total += ranking.total();
			for (int p = 0; p < ranking.first().size(); p++) {
				all.add(new Ranked(ranking.first().get(p), s, p));
			}
		}
		all.sort(order(sort, dateKey));
		List<Ranked> window = all.subList(Math.min(first, all.size()), Math.min(limit, all.size()));
		List<Set<String>> idsBySource = new ArrayList<>();
		sources.forEach(s -> idsBySource.add(new LinkedHashSet<>()));
		window.forEach(r -> idsBySource.get(r.source()).add(r.match().id()));
		Map<String, IBaseResource> byKey = new HashMap<>();
		List<IBaseResource> included = new ArrayList<>();
		for (int s = 0; s < sources.size(); s++) {
			Slice slice = sources.get(s).read(idsBySource.get(s));
			for (IBaseResource match : slice.matches()) {
				byKey.put(s + "/" + match.getIdElement().getIdPart(), match);
			}
			included.addAll(slice.included());
		}
		List<IBaseResource> matches = new ArrayList<>();
		for (Ranked ranked : window) {
			IBaseResource match = byKey.get(ranked.source() + "/" + ranked.match().id());
			if (match != null) {
				matches.add(match);
			}
		}
		return Paging.page(matches, dedupe(included), total, first, size);
	}

	/** A source's match with where it came from. */
	private record Ranked(RankedMatch match, int source, int position) {
	}

	private static Comparator<Ranked> order(List<SearchControls.SortKey> sort, String dateKey) {
		Comparator<Ranked> order = (a, b) -> 0;
		for (SearchControls.SortKey key : sort) {
			Comparator<Ranked> one = switch (key.name()) {
				case "_id" -> (a, b) -> compareIds(a.match().id(), b.match().id());
				case "_lastUpdated" -> (a, b) -> a.match().lastUpdated().compareTo(b.match().lastUpdated());
				default -> {
					if (!key.name().equals(dateKey)) {
						throw new IllegalStateException("No source sorts by " + key.name());
					}
					yield null;
				}
			};
			if (one == null) {
				// Nulls last in either direction, as the sources' SQL sorts them.
				boolean descending = key.descending();
				order = order.thenComparing((a, b) -> compareDates(a.match().date(), b.match().date(), descending));
			}
			else {
				order = order.thenComparing(key.descending() ? one.reversed() : one);
			}
		}
		return order.thenComparingInt(Ranked::source).thenComparingInt(Ranked::position);
	}

	private static int compareDates(@Nullable Instant a, @Nullable Instant b, boolean descending) {
		if (a == null || b == null) {
			return a == null ? (b == null ? 0 : 1) : -1;
		}
		return descending ? b.compareTo(a) : a.compareTo(b);
	}

	/**
	 * Ids in the order the sources' SQL sorts their numeric id columns: by the letters
	 * before the number ({@code img-}; none for the laboratory's plain numbers), then by
	 * the number.
	 */
	static int compareIds(String a, String b) {
		int digitsA = digitsFrom(a);
		int digitsB = digitsFrom(b);
		int prefix = a.substring(0, digitsA).compareTo(b.substring(0, digitsB));
		if (prefix != 0) {
			return prefix;
		}
		String numberA = a.substring(digitsA);
		String numberB = b.substring(digitsB);
		if (numberA.length() != numberB.length()) {
			return Integer.compare(numberA.length(), numberB.length());
		}
		return numberA.compareTo(numberB);
	}

	private static int digitsFrom(String id) {
		int i = id.length();
		while (i > 0 && Character.isDigit(id.charAt(i - 1))) {
			i--;
		}
		return i;
	}

	private static List<IBaseResource> dedupe(List<? extends IBaseResource> included) {
		List<IBaseResource> once = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (IBaseResource resource : included) {
			if (seen.add(resource.getIdElement().toUnqualifiedVersionless().getValue())) {
				once.add(resource);
			}
		}
		return once;
	}

}
