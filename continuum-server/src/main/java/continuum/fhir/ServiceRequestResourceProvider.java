package continuum.fhir;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.platform.InvalidInputException;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR ServiceRequest for every module that takes orders ({@link ServiceRequestSource}
 * beans, in their {@code @Order}; the first, the laboratory, answers ids no source owns
 * and creates without a category, as it did alone). Read, vread, instance
 * {@code _history} and update by the source that owns the id (a JSON Patch applies to the
 * current version and is updated as a PUT); type {@code _history} merging the sources'
 * versions newest first; create by the source of the resource's {@code category}, refused
 * when the category is no source's, names two, or does not fit the code (a laboratory
 * test ordered as imaging); search by {@code patient}, {@code code}, {@code status},
 * {@code category}, {@code authored}, {@code requisition} (the laboratory's),
 * {@code identifier} (the laboratory's item placer and filler numbers, radiology's
 * accession and placer numbers) and the parameters every type has ({@code _id},
 * {@code _lastUpdated}, {@code _sort} by {@code authored}), chains on {@code patient}
 * resolved once for all sources, with {@code _include=ServiceRequest:patient}. Unsorted,
 * the sources' matches are paged one source after the other; sorted, they are merged by
 * the sort keys ({@link SourcePaging#merged}).
 */
@Component
class ServiceRequestResourceProvider implements IResourceProvider {

	private final List<ServiceRequestSource> sources;

	private final PatientChains chains;

	private final Clock clock;

	ServiceRequestResourceProvider(List<ServiceRequestSource> sources, PatientChains chains, Clock clock) {
		this.sources = sources;
		this.chains = chains;
		this.clock = clock;
	}

	@Override
	public Class<ServiceRequest> getResourceType() {
		return ServiceRequest.class;
	}

	@Read(version = true)
	public ServiceRequest read(@IdParam IdType id) {
		return owner(id).read(id);
	}

	/** {@code GET ServiceRequest/{id}/_history}: its kept versions, newest first. */
	@History
	public IBundleProvider history(@IdParam IdType id, @Since @Nullable InstantType since,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		return owner(id).history(id, HistoryPages.window(request, since, offset, count));
	}

	/**
	 * {@code GET ServiceRequest/_history}: every source's versions the caller may open,
	 * newest first.
	 */
	@History
	public IBundleProvider typeHistory(@Since @Nullable InstantType since, @Offset @Nullable Integer offset,
			@Count @Nullable Integer count, RequestDetails request) {
		return HistoryPages.merged(sources.stream().map(ServiceRequestSource::history).toList(),
				HistoryPages.window(request, since, offset, count));
	}

	@Create
	public MethodOutcome create(@ResourceParam ServiceRequest resource) {
		ServiceRequest created = source(resource).create(resource);
		return new MethodOutcome(created.getIdElement(), true).setResource(created);
	}

	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam ServiceRequest resource, RequestDetails request) {
		ServiceRequest updated = owner(id).update(id, IfMatch.version(id, request), resource);
		return new MethodOutcome(updated.getIdElement(), false).setResource(updated);
	}

	/**
	 * {@code PATCH ServiceRequest/{id}} with a JSON Patch: applied to the current
	 * version, then updated by its source as a PUT would be, at that version.
	 */
	@Patch
	public MethodOutcome patch(@IdParam IdType id, PatchTypeEnum type, @ResourceParam @Nullable String body,
			RequestDetails request) {
		return JsonPatches.patch(id, type, body, request, this::read,
				(target, patched) -> update(target, patched, request));
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = ServiceRequest.SP_PATIENT,
					chainWhitelist = { "", "identifier", "name", "family", "given" }) @Nullable ReferenceParam patient,
			@OptionalParam(name = ServiceRequest.SP_CODE) @Nullable TokenParam code,
			@OptionalParam(name = ServiceRequest.SP_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = ServiceRequest.SP_CATEGORY) @Nullable TokenParam category,
			@OptionalParam(name = ServiceRequest.SP_AUTHORED) @Nullable DateRangeParam authored,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateAndListParam lastUpdated,
			@OptionalParam(name = ServiceRequest.SP_REQUISITION) @Nullable TokenParam requisition,
			@OptionalParam(name = ServiceRequest.SP_IDENTIFIER) @Nullable TokenParam identifier,
			@OptionalParam(name = IAnyResource.SP_RES_ID) @Nullable TokenOrListParam ids, @Sort @Nullable SortSpec sort,
			@IncludeParam(allow = { "ServiceRequest:patient" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		SearchControls controls = SearchControls.of(ids, lastUpdated, sort, clock).withText("code", code);
		if (SearchControls.isText(code)) {
			// code:text=... matches the concept's text or display, in every source.
			code = null;
		}
		if (PatientChains.chained(patient)) {
			controls = controls.withPatients(chains.patientsOf(patient));
			patient = null;
		}
		int size = Paging.size(request, count);
		int first = Paging.first(offset);
		if (controls.matchesNothing()) {
			return Paging.page(List.of(), List.of(), 0, first, size);
		}
		ServiceRequestSearch search = new ServiceRequestSearch(patient, code, status, category, authored, requisition,
				identifier, includes, controls);
		List<ServiceRequestSource> matching = sources.stream().filter(s -> s.mayMatch(search)).toList();
		if (!controls.sort().isEmpty() && matching.size() > 1 && size > 0) {
			List<SourcePaging.RankedSource> ranked = new ArrayList<>();
			for (ServiceRequestSource source : matching) {
				ranked.add(new SourcePaging.RankedSource() {
					@Override
					public RankedMatch.Ranking rank(int limit) {
						return source.rank(search, limit);
					}

					@Override
					public SourcePaging.Slice read(Set<String> only) {
						ServiceRequestSearch narrowed = search.withControls(search.controls().withIds(only).unsorted());
						ServiceRequestSource.Page page = source.search(narrowed, 0, Math.max(1, only.size()));
						return new SourcePaging.Slice(page.matches(), page.included(), page.total());
					}
				});
			}
			return SourcePaging.merged(ranked, controls.sort(), ServiceRequest.SP_AUTHORED, first, size);
		}
		List<SourcePaging.Source> paged = new ArrayList<>();
		for (ServiceRequestSource source : matching) {
			paged.add((skip, room) -> {
				ServiceRequestSource.Page page = source.search(search, skip, room);
				return new SourcePaging.Slice(page.matches(), page.included(), page.total());
			});
		}
		return SourcePaging.page(paged, first, size);
	}

	private ServiceRequestSource owner(IdType id) {
		String idPart = id.getIdPart() == null ? "" : id.getIdPart();
		return sources.stream().filter(s -> s.owns(idPart)).findFirst().orElse(sources.get(0));
	}

	/**
	 * The source whose category the resource names (the first without one); a code that
	 * another source orders and the chosen one does not is a mismatch.
	 */
	private ServiceRequestSource source(ServiceRequest resource) {
		ServiceRequestSource chosen = null;
		for (CodeableConcept category : resource.getCategory()) {
			ServiceRequestSource of = sources.stream()
				.filter(s -> s.categorises(category))
				.findFirst()
				.orElseThrow(() -> new InvalidInputException("ServiceRequest.category must be "
						+ sources.stream().map(ServiceRequestSource::describe).collect(Collectors.joining(" or "))));
			if (chosen != null && chosen != of) {
				throw new InvalidInputException("ServiceRequest.category names both " + chosen.describe() + " and "
						+ of.describe() + "; one request has one category");
			}
			chosen = of;
		}
		if (chosen == null) {
			return sources.get(0);
		}
		ServiceRequestSource category = chosen;
		if (resource.hasCode() && !category.orders(resource.getCode())) {
			sources.stream().filter(s -> s != category && s.orders(resource.getCode())).findFirst().ifPresent(s -> {
				throw new InvalidInputException("ServiceRequest.code is ordered under the category " + s.describe()
						+ ", not ServiceRequest.category " + category.describe());
			});
		}
		return chosen;
	}

}
