package continuum.adt.fhir;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntSupplier;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.jspecify.annotations.Nullable;

/**
 * Offset paging done in the database: the page the client asked for ({@code _offset},
 * {@code _count}, capped by the server's page sizes) is the only one read, and HAPI links
 * to the next and previous pages from the total.
 */
final class Paging {

	private Paging() {
	}

	/** {@code fetch} takes an offset and a count. */
	static IBundleProvider page(RequestDetails request, @Nullable Integer offset, @Nullable Integer count,
			IntSupplier total, BiFunction<Integer, Integer, List<? extends IBaseResource>> fetch) {
		int size = pageSize(request, count);
		int from = offset == null ? 0 : Math.max(0, offset);
		List<? extends IBaseResource> resources = size == 0 ? List.of() : fetch.apply(from, size);
		SimpleBundleProvider page = new SimpleBundleProvider(resources);
		page.setCurrentPageOffset(from);
		page.setCurrentPageSize(size);
		page.setSize(total.getAsInt());
		return page;
	}

	static IBundleProvider empty() {
		return new SimpleBundleProvider(List.of()).setSize(0);
	}

	private static int pageSize(RequestDetails request, @Nullable Integer count) {
		Integer defaultSize = request.getServer().getDefaultPageSize();
		Integer maximum = request.getServer().getMaximumPageSize();
		int size = count == null ? (defaultSize == null ? 20 : defaultSize) : Math.max(0, count);
		return maximum == null ? size : Math.min(size, maximum);
	}

}
