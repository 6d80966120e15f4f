package continuum.fhir;

import java.util.List;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.jspecify.annotations.Nullable;

/**
 * One module's ServiceRequests (the laboratory's order items, radiology's requested
 * procedures). HAPI serves one provider per resource type, so
 * {@link ServiceRequestResourceProvider} answers for all: a read or an update goes to the
 * source that owns the id (radiology's ids start {@code img-}), a create to the source of
 * the resource's {@code category}, a search to every source that may match it, their
 * matches concatenated in source order.
 */
public interface ServiceRequestSource {

	/**
	 * Its category and codes, for error messages: {@code imaging (SNOMED CT 363679005)}.
	 */
	String describe();

	/** Whether the id names one of this source's requests. */
	boolean owns(String id);

	/** Whether a posted category is one of this source's. */
	boolean categorises(CodeableConcept category);

	/** Whether a posted code names something this source orders. */
	boolean orders(CodeableConcept code);

	/** The request, or one of its kept versions when the id carries one (vread). */
	ServiceRequest read(IdType id);

	/** The kept versions of one request ({@code _history}), newest first. */
	IBundleProvider history(IdType id, HistoryPages.Window window);

	/** This source's part of the type's {@code _history}. */
	HistoryPages.Source history();

	/** Places the order a posted resource of this source's category describes. */
	ServiceRequest create(ServiceRequest resource);

	/** Applies a put resource ({@code expectedVersion} from {@code If-Match}). */
	ServiceRequest update(IdType id, @Nullable Integer expectedVersion, ServiceRequest resource);

	/** Whether the search can match this source's requests at all. */
	boolean mayMatch(ServiceRequestSearch search);

	/**
	 * The matches from {@code first}, at most {@code size} (0: the total alone), with the
	 * resources {@code _include} asks for and the total number of matches.
	 */
	Page search(ServiceRequestSearch search, int first, int size);

	/**
	 * For a search sorted across sources: the first {@code limit} matches in the order of
	 * the search's {@code _sort} (ties in the source's own order), as ids and sort
	 * values, and the number of all matches. Checks the caller's access and leaves out
	 * restricted records as {@link #search} does; not audited, since nothing of it
	 * reaches the client but the total: the page chosen from it is then read by id
	 * through {@link #search}, which audits the search and every match shown.
	 */
	RankedMatch.Ranking rank(ServiceRequestSearch search, int limit);

	record Page(List<ServiceRequest> matches, List<IBaseResource> included, int total) {

		public static final Page EMPTY = new Page(List.of(), List.of(), 0);

	}

}
