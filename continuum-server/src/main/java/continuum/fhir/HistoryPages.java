package continuum.fhir;

import java.time.Instant;
import java.util.ArrayList;
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

	/**
	 * A version one of several sources of a type can show, by the time it was written;
	 * {@code key} is the source's own name for it.
	 */
	public record Key(Instant at, Object key) {
	}

	/** A source's newest versions (keys only) and how many it has in all. */
	public record Keys(List<Key> newest, int total) {
	}

	/**
	 * One source of a type's history when several modules serve the type: it names its
	 * newest versions first, then shows (and audits) those the page chose.
	 */
	public interface Source {

		/**
		 * The newest {@code limit} versions written at or after {@code since}, newest
		 * first, and how many there are in all.
		 */
		Keys keys(@Nullable Instant since, int limit);

		/**
		 * The chosen versions (some of {@link #keys}), in that order, audited as a type's
		 * history of {@code total} versions.
		 */
		List<? extends IBaseResource> versions(List<Key> chosen, int total);

	}

	/**
	 * A page of a type's history over several sources: their versions merged newest first
	 * (time written; at the same time, the sources' order, then each source's own order),
	 * so that pages never split or repeat a version.
	 */
	public static IBundleProvider merged(List<? extends Source> sources, Window window) {
		int wanted = window.first() + window.size();
		List<Keys> keys = new ArrayList<>(sources.size());
		int total = 0;
		for (Source source : sources) {
			Keys found = source.keys(window.since(), wanted);
			keys.add(found);
			total += found.total();
		}
		int[] next = new int[sources.size()];
		List<int[]> picked = new ArrayList<>();
		for (int position = 0; position < wanted; position++) {
			int best = -1;
			for (int s = 0; s < sources.size(); s++) {
				List<Key> newest = keys.get(s).newest();
				if (next[s] < newest.size() && (best < 0
						|| newest.get(next[s]).at().isAfter(keys.get(best).newest().get(next[best]).at()))) {
					best = s;
				}
			}
			if (best < 0) {
				break;
			}
			if (position >= window.first()) {
				picked.add(new int[] { best, next[best] });
			}
			next[best]++;
		}
		List<IBaseResource> page = new ArrayList<>(picked.size());
		List<List<Key>> chosen = new ArrayList<>();
		for (int s = 0; s < sources.size(); s++) {
			chosen.add(new ArrayList<>());
		}
		picked.forEach(p -> chosen.get(p[0]).add(keys.get(p[0]).newest().get(p[1])));
		List<List<? extends IBaseResource>> shown = new ArrayList<>();
		for (int s = 0; s < sources.size(); s++) {
			shown.add(chosen.get(s).isEmpty() ? List.of() : sources.get(s).versions(chosen.get(s), total));
		}
		int[] taken = new int[sources.size()];
		for (int[] p : picked) {
			page.add(shown.get(p[0]).get(taken[p[0]]++));
		}
		return page(page, total, window);
	}

	/**
	 * Marks a version with the interaction that wrote it; its id carries its version, so
	 * that its entry gets a {@code response} with the version's {@code etag}.
	 */
	public static <R extends IBaseResource> R version(R resource, boolean deleted) {
		String versionId = resource.getMeta().getVersionId();
		if (!resource.getIdElement().hasVersionIdPart() && versionId != null) {
			resource.setId(resource.getIdElement().withVersion(versionId));
		}
		BundleEntryTransactionMethodEnum method = deleted ? BundleEntryTransactionMethodEnum.DELETE
				: "1".equals(resource.getIdElement().getVersionIdPart()) ? BundleEntryTransactionMethodEnum.POST
						: BundleEntryTransactionMethodEnum.PUT;
		ResourceMetadataKeyEnum.ENTRY_TRANSACTION_METHOD.put(resource, method);
		return resource;
	}

}
