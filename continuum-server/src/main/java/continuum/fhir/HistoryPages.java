package continuum.fhir;

import java.time.Instant;
import java.util.List;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntryTransactionMethodEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.InstantType;
import org.jspecify.annotations.Nullable;

/**
 * The one reading of a {@code _history} request (FHIR R4 http.html#history) and the one
 * shape of its answer, for every versioned resource type: {@code _since} (an instant;
 * versions written at or after it), {@code _count} and {@code _offset} as a search reads
 * them ({@link Paging}); {@code _at} and {@code _list} are refused (400) rather than
 * ignored. Each version is marked with the interaction that wrote it, so the history
 * bundle's entries carry {@code request} and {@code response}: version 1 a POST, a
 * deletion a DELETE (its entry without a resource), every other version a PUT.
 */
public final class HistoryPages {

	private HistoryPages() {
	}

	/** What a history request asks for; {@code first} and {@code size} as in Paging. */
	public record Window(@Nullable Instant since, int first, int size) {
	}

	public static Window window(RequestDetails request, @Nullable InstantType since, @Nullable Integer offset,
			@Nullable Integer count) {
		for (String unsupported : List.of("_at", "_list")) {
			if (request.getParameters().containsKey(unsupported)) {
				throw new InvalidRequestException(
						unsupported + " is not supported on _history; use _since, _count and _offset");
			}
		}
		return new Window(since == null || since.getValue() == null ? null : since.getValue().toInstant(),
				Paging.first(offset), Paging.size(request, count));
	}

	/** One page of versions, newest first, of a history with {@code total} versions. */
	public static IBundleProvider page(List<? extends IBaseResource> versions, int total, Window window) {
		SimpleBundleProvider page = new SimpleBundleProvider(versions);
		page.setSize(total);
		page.setCurrentPageOffset(window.first());
		page.setCurrentPageSize(window.size());
		return page;
	}

	/**
	 * The page of a short history read whole (one resource's versions, newest first):
	 * those written at or after {@code since}, in the window asked for.
	 */
	public static IBundleProvider page(List<? extends IBaseResource> versions, Window window) {
		List<? extends IBaseResource> since = window.since() == null ? versions
				: versions.stream()
					.filter(v -> v.getMeta().getLastUpdated() == null
							|| !v.getMeta().getLastUpdated().toInstant().isBefore(window.since()))
					.toList();
		int from = Math.min(window.first(), since.size());
		int to = Math.min(from + window.size(), since.size());
		return page(since.subList(from, to), since.size(), window);
	}

	/** Marks a version with the interaction that wrote it. */
	public static <R extends IBaseResource> R version(R resource, boolean deleted) {
		BundleEntryTransactionMethodEnum method = deleted ? BundleEntryTransactionMethodEnum.DELETE
				: "1".equals(resource.getIdElement().getVersionIdPart()) ? BundleEntryTransactionMethodEnum.POST
						: BundleEntryTransactionMethodEnum.PUT;
		ResourceMetadataKeyEnum.ENTRY_TRANSACTION_METHOD.put(resource, method);
		return resource;
	}

}
