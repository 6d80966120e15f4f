package continuum.adt.fhir;

import java.util.Date;
import java.util.List;
import java.util.function.BiFunction;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.InstantType;
import org.jspecify.annotations.Nullable;

/**
 * Search results that HAPI pages through: the total is counted once, and each page is fetched from the database
 * (through the module's service, which audits it) only when HAPI asks for it.
 */
final class PagedSearch implements IBundleProvider {

	private final int size;

	private final BiFunction<Integer, Integer, List<? extends IBaseResource>> page;

	private final InstantType published = InstantType.withCurrentTime();

	/** {@code page} takes an offset and a count. */
	PagedSearch(int size, BiFunction<Integer, Integer, List<? extends IBaseResource>> page) {
		this.size = size;
		this.page = page;
	}

	@Override
	public List<IBaseResource> getResources(int fromIndex, int toIndex) {
		int from = Math.max(0, fromIndex);
		int to = Math.min(size, toIndex);
		if (to <= from) {
			return List.of();
		}
		return List.copyOf(page.apply(from, to - from));
	}

	@Override
	public IPrimitiveType<Date> getPublished() {
		return published;
	}

	@Override
	public @Nullable String getUuid() {
		return null;
	}

	@Override
	public @Nullable Integer preferredPageSize() {
		return null;
	}

	@Override
	public Integer size() {
		return size;
	}

}
