package continuum.imaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.fhir.RankedMatch;
import continuum.patients.PatientId;
import continuum.platform.ConflictException;
import continuum.platform.VersionConflictException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imaging orders one requested procedure at a time, as FHIR ServiceRequests
 * ({@link ImagingRequest}): read and search, audited as reads of each request found;
 * revocation is {@link ImagingOrderService#cancel}, the chart's and HL7's cancellation,
 * checked against the request's version first.
 */
@Service
public class ImagingRequestService {

	private final ImagingOrderRepository orders;

	private final ImagingRequestRepository requests;

	private final ImagingOrderService orderService;

	private final AccessControl access;

	private final AuditService audit;

	ImagingRequestService(ImagingOrderRepository orders, ImagingRequestRepository requests,
			ImagingOrderService orderService, AccessControl access, AuditService audit) {
		this.orders = orders;
		this.requests = requests;
		this.orderService = orderService;
		this.access = access;
		this.audit = audit;
	}

	/** One page of matches and how many there are in all. */
	public record Page(List<ImagingRequest> requests, int total) {

		public Page {
			requests = List.copyOf(requests);
		}

	}

	/** The request of a requested procedure, audited as a read. */
	@Transactional
	public ImagingRequest get(long procedure) {
		access.require(ImagingOrderService.SERVICE_REQUEST, Interaction.READ, ImagingRequest.PREFIX + procedure, null);
		ImagingRequest request = find(procedure, false);
		audit.record(AuditEntry.success(AuditAction.READ, ImagingOrderService.SERVICE_REQUEST,
				request.procedure().serviceRequestId(), request.order().patient().asString()));
		return request;
	}

	/**
	 * The first {@code limit} matches in the query's {@code _sort} order, as ids and sort
	 * values, for a ServiceRequest search sorted across the modules that take orders.
	 * Checks access and leaves out restricted records like {@link #search}; not audited:
	 * the page chosen from it is read through {@link #search}.
	 */
	@Transactional(readOnly = true)
	public RankedMatch.Ranking rank(ImagingRequestQuery query, int limit) {
		String patient = query.patient() == null ? null : query.patient().asString();
		access.require(ImagingOrderService.SERVICE_REQUEST, Interaction.SEARCH, null, patient);
		return requests.rank(query, access.hiddenPatients(), limit);
	}

	/**
	 * The matches, newest order first, audited as a search (for the patient searched, if
	 * any) and a read of each match.
	 */
	@Transactional
	public Page search(ImagingRequestQuery query) {
		String patient = query.patient() == null ? null : query.patient().asString();
		access.require(ImagingOrderService.SERVICE_REQUEST, Interaction.SEARCH, null, patient);
		ImagingRequestRepository.Page page = requests.find(query, access.hiddenPatients());
		Map<ImagingOrderId, ImagingOrder> byOrder = new HashMap<>();
		List<ImagingRequest> found = new ArrayList<>();
		for (ImagingRequestRepository.Match match : page.matches()) {
			ImagingOrder order = byOrder.computeIfAbsent(match.order(), id -> orders.find(id, false).orElseThrow());
			found.add(ImagingRequest.of(order, match.procedure()));
		}
		List<AuditEntry> entries = new ArrayList<>();
		entries.add(AuditEntry.success(AuditAction.SEARCH, ImagingOrderService.SERVICE_REQUEST, null, patient));
		found.forEach(r -> entries.add(AuditEntry.success(AuditAction.READ, ImagingOrderService.SERVICE_REQUEST,
				r.procedure().serviceRequestId(), r.order().patient().asString())));
		audit.recordAll(entries);
		return new Page(found, page.total());
	}

	/**
	 * The imaging requests of these patients, one query per patient: what a search by
	 * patient finds, for a FHIR bulk export (docs/fhir.md, "Bulk Data export"). Not
	 * audited here: the export records one EXPORT row per patient for the whole export,
	 * in the transaction of the page that reads them.
	 */
	@Transactional(readOnly = true)
	public List<ImagingRequest> forBulkExport(java.util.Collection<Long> patientIds) {
		access.require(ImagingOrderService.SERVICE_REQUEST, Interaction.SEARCH, null, null);
		java.util.Set<Long> hidden = access.hiddenPatients();
		Map<ImagingOrderId, ImagingOrder> byOrder = new HashMap<>();
		List<ImagingRequest> found = new ArrayList<>();
		for (Long patient : patientIds) {
			ImagingRequestQuery query = new ImagingRequestQuery(new PatientId(patient), null, java.util.Set.of(), null,
					null, null, null, null, null, null, null, Integer.MAX_VALUE, 0);
			for (ImagingRequestRepository.Match match : requests.find(query, hidden).matches()) {
				// An order is read with its procedures' steps; one whose procedure has no
				// step cannot be assembled and is left out rather than failing the
				// export.
				ImagingOrder order = byOrder.computeIfAbsent(match.order(), id -> orders.find(id, false).orElse(null));
				if (order != null) {
					found.add(ImagingRequest.of(order, match.procedure()));
				}
			}
		}
		return found;
	}

	/**
	 * Cancels the order of the request, as the chart does, when the request is still at
	 * {@code expectedVersion} (412 otherwise) and is its order's only procedure: revoking
	 * one request never cancels another.
	 */
	@Transactional
	public ImagingRequest revoke(long procedure, String reason, @Nullable Integer expectedVersion) {
		access.require(ImagingOrderService.SERVICE_REQUEST, Interaction.UPDATE, ImagingRequest.PREFIX + procedure,
				null);
		ImagingRequest current = find(procedure, true);
		if (expectedVersion != null && expectedVersion != current.procedure().version()) {
			throw new VersionConflictException("ServiceRequest " + current.procedure().serviceRequestId()
					+ " is at version " + current.procedure().version() + ", not " + expectedVersion);
		}
		if (current.order().procedures().size() > 1) {
			throw new ConflictException("ServiceRequest " + current.procedure().serviceRequestId() + " is one of the "
					+ current.order().procedures().size() + " procedures of imaging order " + current.order().id()
					+ "; cancel the order from the chart");
		}
		ImagingOrder cancelled = orderService.cancel(current.order().id(), reason, current.order().version());
		return ImagingRequest.of(cancelled, procedure);
	}

	/** The request, its order locked for a change when {@code lock}. */
	private ImagingRequest find(long procedure, boolean lock) {
		ImagingOrder order = orders.orderOfProcedure(procedure)
			.flatMap(id -> orders.find(id, lock))
			.orElseThrow(() -> new ImagingOrderNotFoundException(
					"No imaging ServiceRequest " + ImagingRequest.PREFIX + procedure));
		return ImagingRequest.of(order, procedure);
	}

}
