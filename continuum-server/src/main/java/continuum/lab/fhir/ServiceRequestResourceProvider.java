package continuum.lab.fhir;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.fhir.IfMatch;
import continuum.fhir.InstantRange;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import continuum.lab.LabItemId;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.LabPage;
import continuum.lab.LabRequest;
import continuum.lab.LabRequestQuery;
import continuum.lab.LabSearchService;
import continuum.lab.LabTest;
import continuum.lab.OrderStatus;
import continuum.patients.PatientId;
import continuum.patients.fhir.PatientResources;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR ServiceRequest, one per order item: read; create = a one-item laboratory order
 * placed by the caller; update = cancellation only ({@code status} {@code revoked} with
 * the reason as a note, {@code If-Match} the version read); search by {@code patient},
 * {@code code}, {@code status}, {@code authored}, {@code _lastUpdated} and
 * {@code requisition}, with {@code _include=ServiceRequest:patient}.
 */
@Component
public class ServiceRequestResourceProvider implements IResourceProvider {

	private final LabOrderService orders;

	private final LabSearchService search;

	private final LabOrderRequests requests;

	private final PatientResources patients;

	ServiceRequestResourceProvider(LabOrderService orders, LabSearchService search, LabOrderRequests requests,
			PatientResources patients) {
		this.orders = orders;
		this.search = search;
		this.requests = requests;
		this.patients = patients;
	}

	@Override
	public Class<ServiceRequest> getResourceType() {
		return ServiceRequest.class;
	}

	@Read
	public ServiceRequest read(@IdParam IdType id) {
		LabItemId item = new LabItemId(ResourceIds.of(id));
		LabOrder order = orders.orderOfItem(item);
		return ServiceRequestMapper.toFhir(new LabRequest(order, order.item(item)));
	}

	@Create
	public MethodOutcome create(@ResourceParam ServiceRequest resource) {
		ServiceRequest created = ServiceRequestMapper.toFhir(requests.place(resource));
		return new MethodOutcome(created.getIdElement(), true).setResource(created);
	}

	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam ServiceRequest resource, RequestDetails request) {
		LabItemId item = new LabItemId(ResourceIds.of(id));
		ServiceRequest updated = ServiceRequestMapper
			.toFhir(requests.change(item, IfMatch.version(id, request), resource));
		return new MethodOutcome(updated.getIdElement(), false).setResource(updated);
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = ServiceRequest.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = ServiceRequest.SP_CODE) @Nullable TokenParam code,
			@OptionalParam(name = ServiceRequest.SP_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = ServiceRequest.SP_AUTHORED) @Nullable DateRangeParam authored,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateRangeParam lastUpdated,
			@OptionalParam(name = ServiceRequest.SP_REQUISITION) @Nullable TokenParam requisition,
			@IncludeParam(allow = { "ServiceRequest:patient" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		Optional<PatientId> who = PatientResources.searched(patient);
		Optional<String> orderable = code == null ? Optional.empty() : LabSearchParams.code(code, LabTest.LOINC);
		Optional<String> group = requisition == null ? Optional.empty()
				: LabSearchParams.code(requisition, LabCodes.REQUISITION_SYSTEM);
		Set<OrderStatus> statuses = LabSearchParams.statuses(status, ServiceRequestResourceProvider::status);
		if ((patient != null && who.isEmpty()) || (code != null && orderable.isEmpty())
				|| (requisition != null && group.isEmpty()) || (statuses != null && statuses.isEmpty())) {
			return Paging.empty();
		}
		int size = Paging.size(request, count);
		int first = Paging.first(offset);
		InstantRange authoredRange = InstantRange.of(authored);
		InstantRange updatedRange = InstantRange.of(lastUpdated);
		LabPage<LabRequest> page = search.requests(new LabRequestQuery(who.orElse(null), orderable.orElse(null),
				statuses == null ? Set.of() : statuses, authoredRange.from(), authoredRange.until(),
				updatedRange.from(), updatedRange.until(), group.orElse(null), size, first));
		List<ServiceRequest> matches = page.entries().stream().map(ServiceRequestMapper::toFhir).toList();
		List<? extends org.hl7.fhir.instance.model.api.IBaseResource> included = LabSearchParams
			.includes(includes, "ServiceRequest:patient")
					? LabSearchParams.patients(patients, page.entries().stream().map(r -> r.order().patient()).toList())
					: List.of();
		return Paging.page(matches, included, page.total(), first, size);
	}

	private static Optional<OrderStatus> status(String code) {
		return EnumSet.allOf(OrderStatus.class).stream().filter(s -> s.fhirCode().equals(code)).findFirst();
	}

}
