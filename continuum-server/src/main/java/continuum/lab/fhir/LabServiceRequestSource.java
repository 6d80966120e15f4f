package continuum.lab.fhir;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.TokenParam;
import continuum.fhir.HistoryPages;
import continuum.fhir.InstantRange;
import continuum.fhir.RankedMatch;
import continuum.fhir.ResourceIds;
import continuum.fhir.ServiceRequestSearch;
import continuum.fhir.ServiceRequestSource;
import continuum.lab.LabCatalogue;
import continuum.lab.LabHistoryService;
import continuum.lab.LabItemId;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.LabPage;
import continuum.lab.LabRequest;
import continuum.lab.LabRequestQuery;
import continuum.lab.LabSearchService;
import continuum.lab.LabTest;
import continuum.lab.OrderStatus;
import continuum.patients.HistoryPage;
import continuum.patients.HistoryQuery;
import continuum.patients.PatientId;
import continuum.patients.fhir.PatientResources;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The laboratory's ServiceRequests, one per order item, with the item's id (a plain
 * number): read, vread and {@code _history} of its kept versions (its order's:
 * {@link LabHistoryService}); create = a one-item laboratory order placed by the caller;
 * update = cancellation only ({@code status} {@code revoked} with the reason as a note,
 * {@code If-Match} the version read); search by {@code patient}, {@code code},
 * {@code status}, {@code category} (laboratory), {@code authored}, {@code requisition},
 * {@code identifier} and the parameters every type has, with
 * {@code _include=ServiceRequest:patient}. The first source of {@code ServiceRequest}: it
 * answers ids no source owns and creates without a category.
 */
@Component
@Order(1)
class LabServiceRequestSource implements ServiceRequestSource {

	private final LabOrderService orders;

	private final LabSearchService search;

	private final LabCatalogue catalogue;

	private final LabOrderRequests requests;

	private final PatientResources patients;

	private final LabHistoryService history;

	LabServiceRequestSource(LabOrderService orders, LabSearchService search, LabCatalogue catalogue,
			LabOrderRequests requests, PatientResources patients, LabHistoryService history) {
		this.history = history;
		this.orders = orders;
		this.search = search;
		this.catalogue = catalogue;
		this.requests = requests;
		this.patients = patients;
	}

	@Override
	public String describe() {
		return "laboratory (SNOMED CT " + LabCodes.LABORATORY_PROCEDURE + " or observation-category laboratory)";
	}

	@Override
	public boolean owns(String id) {
		return ResourceIds.parse(id).isPresent();
	}

	@Override
	public boolean categorises(CodeableConcept category) {
		return LabOrderRequests.laboratory(category);
	}

	@Override
	public boolean orders(CodeableConcept code) {
		return code.getCoding()
			.stream()
			.anyMatch(c -> LabTest.LOINC.equals(c.getSystem()) && c.hasCode()
					&& catalogue.orderable(c.getCode()).isPresent());
	}

	@Override
	public ServiceRequest read(IdType id) {
		LabItemId item = new LabItemId(ResourceIds.of(id));
		Integer version = ResourceIds.version(id);
		if (version != null) {
			return ServiceRequestMapper.toFhir(history.requestVersion(item, version));
		}
		LabOrder order = orders.orderOfItem(item);
		return ServiceRequestMapper.toFhir(new LabRequest(order, order.item(item)));
	}

	@Override
	public IBundleProvider history(IdType id, HistoryPages.Window window) {
		HistoryPage<LabRequest> page = history.requestHistory(new LabItemId(ResourceIds.of(id)),
				new HistoryQuery(window.since(), window.size(), window.first()));
		return HistoryPages.page(page.versions().stream().map(LabServiceRequestSource::toFhir).toList(), page.total(),
				window);
	}

	@Override
	public HistoryPages.Source history() {
		return new HistoryPages.Source() {

			@Override
			public HistoryPages.Keys keys(@Nullable Instant since, int limit) {
				HistoryPage<LabHistoryService.LabRequestVersionKey> keys = history.requestVersionKeys(since, limit);
				return new HistoryPages.Keys(
						keys.versions().stream().map(k -> new HistoryPages.Key(k.at(), k)).toList(), keys.total());
			}

			@Override
			public List<ServiceRequest> versions(List<HistoryPages.Key> chosen, int total) {
				return history
					.requestVersions(
							chosen.stream().map(k -> (LabHistoryService.LabRequestVersionKey) k.key()).toList(), total)
					.stream()
					.map(LabServiceRequestSource::toFhir)
					.toList();
			}

		};
	}

	private static ServiceRequest toFhir(LabRequest version) {
		return HistoryPages.version(ServiceRequestMapper.toFhir(version), false);
	}

	@Override
	public ServiceRequest create(ServiceRequest resource) {
		return ServiceRequestMapper.toFhir(requests.place(resource));
	}

	@Override
	public ServiceRequest update(IdType id, @Nullable Integer expectedVersion, ServiceRequest resource) {
		LabItemId item = new LabItemId(ResourceIds.of(id));
		return ServiceRequestMapper.toFhir(requests.change(item, expectedVersion, resource));
	}

	@Override
	public boolean mayMatch(ServiceRequestSearch params) {
		TokenParam category = params.category();
		return (params.identifier() == null || itemNumber(params.identifier()).isPresent()) && (category == null
				|| LabSearchParams.category(category, LabCodes.SNOMED, LabCodes.LABORATORY_PROCEDURE)
				|| LabSearchParams.category(category, LabCodes.OBSERVATION_CATEGORY, "laboratory"));
	}

	@Override
	public Page search(ServiceRequestSearch params, int first, int size) {
		Optional<LabRequestQuery> query = query(params, first, size);
		if (query.isEmpty()) {
			return Page.EMPTY;
		}
		LabPage<LabRequest> page = search.requests(query.get());
		List<ServiceRequest> matches = page.entries().stream().map(ServiceRequestMapper::toFhir).toList();
		List<IBaseResource> included = params.includes("ServiceRequest:patient")
				? LabSearchParams.patients(patients, page.entries().stream().map(r -> r.order().patient()).toList())
				: List.of();
		return new Page(matches, included, page.total());
	}

	@Override
	public RankedMatch.Ranking rank(ServiceRequestSearch params, int limit) {
		return query(params, 0, limit).map(q -> search.rankRequests(q, limit)).orElse(RankedMatch.Ranking.EMPTY);
	}

	/** The query the search asks of the laboratory; empty when it can match nothing. */
	private static Optional<LabRequestQuery> query(ServiceRequestSearch params, int first, int size) {
		Optional<PatientId> who = PatientResources.searched(params.patient());
		TokenParam code = params.code();
		TokenParam requisition = params.requisition();
		Optional<String> orderable = code == null ? Optional.empty() : LabSearchParams.code(code, LabTest.LOINC);
		Optional<String> group = requisition == null ? Optional.empty()
				: LabSearchParams.code(requisition, LabCodes.REQUISITION_SYSTEM);
		Set<OrderStatus> statuses = LabSearchParams.statuses(params.status(), LabServiceRequestSource::status);
		Optional<ItemNumberToken> number = params.identifier() == null ? Optional.empty()
				: itemNumber(params.identifier());
		if ((params.patient() != null && who.isEmpty()) || (code != null && orderable.isEmpty())
				|| (requisition != null && group.isEmpty()) || (statuses != null && statuses.isEmpty())) {
			return Optional.empty();
		}
		InstantRange authoredRange = InstantRange.of(params.authored());
		return Optional.of(new LabRequestQuery(who.orElse(null), orderable.orElse(null),
				statuses == null ? Set.of() : statuses, authoredRange.from(), authoredRange.until(), null, null,
				group.orElse(null), number.map(ItemNumberToken::value).orElse(null),
				number.map(ItemNumberToken::kind).orElse(null), size, first, params.controls()));
	}

	/**
	 * An item's placer or filler number from an {@code identifier} token: with our placer
	 * or filler system, or with no system (either number); empty for another system.
	 */
	private static Optional<ItemNumberToken> itemNumber(TokenParam identifier) {
		String system = identifier.getSystem();
		String value = identifier.getValue();
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		if (system == null || system.isEmpty()) {
			return Optional.of(new ItemNumberToken(null, value));
		}
		if (LabCodes.PLACER_SYSTEM.equals(system)) {
			return Optional.of(new ItemNumberToken(LabRequestQuery.ItemNumber.PLACER, value));
		}
		if (LabCodes.FILLER_SYSTEM.equals(system)) {
			return Optional.of(new ItemNumberToken(LabRequestQuery.ItemNumber.FILLER, value));
		}
		return Optional.empty();
	}

	private record ItemNumberToken(LabRequestQuery.@Nullable ItemNumber kind, String value) {
	}

	private static Optional<OrderStatus> status(String code) {
		return EnumSet.allOf(OrderStatus.class).stream().filter(s -> s.fhirCode().equals(code)).findFirst();
	}

}
