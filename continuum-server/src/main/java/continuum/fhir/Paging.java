package continuum.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntSupplier;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.jspecify.annotations.Nullable;

/**
 * Paging for the modules' FHIR search providers. One page per request, read in the
 * database ({@code _offset}, {@code _count} capped by the server's page sizes); HAPI
 * links the neighbouring pages from the total.
 */
public final class Paging {

	private Paging() {
	}

	/** {@code fetch} takes an offset and a count. */
	public static IBundleProvider page(RequestDetails request, @Nullable Integer offset, @Nullable Integer count,
			IntSupplier total, BiFunction<Integer, Integer, List<? extends IBaseResource>> fetch) {
		return page(request, offset, count, total, fetch, NOTHING_INCLUDED);
	}

	/**
	 * As {@link #page(RequestDetails, Integer, Integer, IntSupplier, BiFunction)}, with
	 * the resources {@code include} brings in for the page's matches ({@code _include}),
	 * marked as such after them.
	 */
	public static IBundleProvider page(RequestDetails request, @Nullable Integer offset, @Nullable Integer count,
			IntSupplier total, BiFunction<Integer, Integer, List<? extends IBaseResource>> fetch,
			Function<List<? extends IBaseResource>, List<? extends IBaseResource>> include) {
		int size = size(request, count);
		int first = first(offset);
		List<? extends IBaseResource> matches = size == 0 ? List.of() : fetch.apply(first, size);
		SimpleBundleProvider page = new SimpleBundleProvider(withIncluded(matches, include));
		page.setCurrentPageOffset(first);
		page.setCurrentPageSize(size);
		page.setSize(total.getAsInt());
		return page;
	}

	/**
	 * A page without counting every match: one row more than the page is read, and the
	 * bundle has a {@code total} only when this page reaches the end (R4 makes
	 * {@code Bundle.total} optional); otherwise it links to the next page. For searches
	 * whose matches run into the tens of thousands, such as free slots over three months,
	 * where the count would cost more than the page.
	 */
	public static IBundleProvider pageWithoutTotal(RequestDetails request, @Nullable Integer offset,
			@Nullable Integer count, IntSupplier total,
			BiFunction<Integer, Integer, List<? extends IBaseResource>> fetch) {
		return pageWithoutTotal(request, offset, count, total, fetch, NOTHING_INCLUDED);
	}

	/**
	 * As
	 * {@link #pageWithoutTotal(RequestDetails, Integer, Integer, IntSupplier, BiFunction)},
	 * with the resources {@code include} brings in for the page's matches.
	 */
	public static IBundleProvider pageWithoutTotal(RequestDetails request, @Nullable Integer offset,
			@Nullable Integer count, IntSupplier total,
			BiFunction<Integer, Integer, List<? extends IBaseResource>> fetch,
			Function<List<? extends IBaseResource>, List<? extends IBaseResource>> include) {
		int size = size(request, count);
		if (size == 0) {
			return page(request, offset, count, total, fetch, include);
		}
		int first = first(offset);
		List<? extends IBaseResource> resources = fetch.apply(first, size + 1);
		boolean more = resources.size() > size;
		SimpleBundleProvider page = new SimpleBundleProvider(
				withIncluded(more ? resources.subList(0, size) : resources, include));
		page.setCurrentPageOffset(first);
		page.setCurrentPageSize(size);
		page.setSize(more ? null : first + resources.size());
		// How many were read (one more than the page when there are more): HAPI links the
		// next page from it instead of guessing (and logging its guess on every request).
		page.setTotalResourcesRequestedReturned(resources.size());
		return page;
	}

	/**
	 * One page read by the caller: the matches, then the resources {@code _include} or
	 * {@code _revinclude} brought in (marked as such in the bundle), with the total
	 * number of matches. {@code first} and {@code size} as given by {@link #first} and
	 * {@link #size}.
	 */
	public static IBundleProvider page(List<? extends IBaseResource> matches, List<? extends IBaseResource> included,
			int total, int first, int size) {
		List<IBaseResource> resources = new ArrayList<>(matches.size() + included.size());
		for (IBaseResource match : matches) {
			ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(match, BundleEntrySearchModeEnum.MATCH);
			resources.add(match);
		}
		for (IBaseResource include : included) {
			ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(include, BundleEntrySearchModeEnum.INCLUDE);
			resources.add(include);
		}
		SimpleBundleProvider page = new SimpleBundleProvider(resources);
		page.setSize(total);
		page.setCurrentPageOffset(first);
		page.setCurrentPageSize(size);
		return page;
	}

	/**
	 * Whether the request asks for an exact {@code Bundle.total}
	 * ({@code _total=accurate}): searches that otherwise give a total only on their last
	 * page ({@link #pageWithoutTotal}) then count every match.
	 */
	public static boolean accurateTotal(RequestDetails request) {
		String[] total = request.getParameters().get(Constants.PARAM_SEARCH_TOTAL_MODE);
		return total != null && total.length > 0 && "accurate".equals(total[0]);
	}

	private static final Function<List<? extends IBaseResource>, List<? extends IBaseResource>> NOTHING_INCLUDED = matches -> List
		.of();

	/** The matches, then what {@code include} brings in for them, each marked as such. */
	private static List<IBaseResource> withIncluded(List<? extends IBaseResource> matches,
			Function<List<? extends IBaseResource>, List<? extends IBaseResource>> include) {
		List<? extends IBaseResource> included = matches.isEmpty() ? List.of() : include.apply(matches);
		List<IBaseResource> resources = new ArrayList<>(matches.size() + included.size());
		for (IBaseResource match : matches) {
			match(match);
			resources.add(match);
		}
		for (IBaseResource resource : included) {
			ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(resource, BundleEntrySearchModeEnum.INCLUDE);
			resources.add(resource);
		}
		return resources;
	}

	/** Marks a resource as a match of the search ({@code Bundle.entry.search.mode}). */
	private static void match(IBaseResource resource) {
		ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(resource, BundleEntrySearchModeEnum.MATCH);
	}

	/** Everything on one page, such as {@code $everything}. */
	public static IBundleProvider all(List<? extends IBaseResource> resources) {
		return page(resources, List.of(), resources.size(), 0, Math.max(1, resources.size()));
	}

	public static IBundleProvider empty() {
		return new SimpleBundleProvider(List.of()).setSize(0);
	}

	/**
	 * The first match of the page asked for ({@code _offset}, 0 without it); a negative
	 * offset is a malformed request (400), as HAPI makes one that is not a number.
	 */
	public static int first(@Nullable Integer offset) {
		if (offset == null) {
			return 0;
		}
		if (offset < 0) {
			throw new InvalidRequestException("_offset must be 0 or more, not " + offset);
		}
		return offset;
	}

	/**
	 * The page size to answer: {@code _count}, else the server's default, never more than
	 * its maximum ({@code continuum.fhir.default-page-size}, {@code maximum-page-size}).
	 * {@code _count=0} and {@code _summary=count} ask for the total alone; a negative
	 * count is a malformed request (400), as HAPI makes one that is not a number.
	 */
	public static int size(RequestDetails request, @Nullable Integer count) {
		if (count != null && count < 0) {
			throw new InvalidRequestException("_count must be 0 or more, not " + count);
		}
		String[] summary = request.getParameters().get(Constants.PARAM_SUMMARY);
		if (summary != null && summary.length > 0 && "count".equals(summary[0])) {
			// _summary=count: the total alone, nothing read for a page.
			return 0;
		}
		Integer preferred = request.getServer().getDefaultPageSize();
		Integer maximum = request.getServer().getMaximumPageSize();
		int size = count == null ? (preferred == null ? 20 : preferred) : count;
		return maximum == null ? size : Math.min(size, maximum);
	}

}
