package continuum.fhir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One page of a search that several modules' sources answer (DiagnosticReport,
 * ServiceRequest): the sources' matches one source after the other, the total their sum,
 * each included resource once (a patient of two sources' matches).
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

	private static List<IBaseResource> dedupe(List<IBaseResource> included) {
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
