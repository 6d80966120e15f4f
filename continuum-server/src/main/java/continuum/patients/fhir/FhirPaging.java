package continuum.patients.fhir;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * Stateless offset paging for the plain server: a search answers exactly one page
 * (matches, then the resources brought in by {@code _include}/{@code _revinclude}), and
 * HAPI writes {@code next}/{@code previous} links with {@code _offset} from the page's
 * offset, size and the total number of matches.
 */
final class FhirPaging {

	static final int DEFAULT_COUNT = 20;

	static final int MAXIMUM_COUNT = 500;

	private FhirPaging() {
	}

	static int count(@Nullable Integer count) {
		return count == null ? DEFAULT_COUNT : Math.max(0, Math.min(count, MAXIMUM_COUNT));
	}

	static int offset(@Nullable Integer offset) {
		return offset == null ? 0 : Math.max(0, offset);
	}

	static IBundleProvider page(List<? extends Resource> matches, List<? extends Resource> included, int total,
			int offset, int count) {
		List<IBaseResource> resources = new ArrayList<>(matches.size() + included.size());
		for (Resource match : matches) {
			ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(match, BundleEntrySearchModeEnum.MATCH);
			resources.add(match);
		}
		for (Resource include : included) {
			ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(include, BundleEntrySearchModeEnum.INCLUDE);
			resources.add(include);
		}
		SimpleBundleProvider provider = new SimpleBundleProvider(resources);
		provider.setSize(total);
		provider.setCurrentPageOffset(offset);
		provider.setCurrentPageSize(count);
		return provider;
	}

	/** Everything on one page, e.g. {@code $everything}. */
	static IBundleProvider all(List<? extends Resource> matches) {
		return page(matches, List.of(), matches.size(), 0, Math.max(1, matches.size()));
	}

}
