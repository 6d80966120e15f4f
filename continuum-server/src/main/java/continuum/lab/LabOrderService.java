package continuum.lab;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.patients.PatientId;
import continuum.patients.PatientNotFoundException;
import continuum.patients.PatientService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import continuum.security.AccessControl;
import continuum.security.CurrentUser;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Laboratory orders: placing one (its items and one specimen per container, labels ready
 * to print), cancelling items, reading. Each change is one transaction with its audit
 * rows, change-feed entries (one ServiceRequest per item) and event; the HL7 order
 * message to the laboratory's middleware is queued in the same transaction.
 */
@Service
public class LabOrderService {

	static final String SERVICE_REQUEST = "ServiceRequest";

	private final OrderRepository orders;

	private final LabCatalogue catalogue;

	private final PatientService patients;

	private final AccessControl access;

	private final AuditService audit;

	private final ChangeFeed changes;

	private final ApplicationEventPublisher events;

	private final CurrentUser currentUser;

	private final Clock clock;

	LabOrderService(OrderRepository orders, LabCatalogue catalogue, PatientService patients, AccessControl access,
			AuditService audit, ChangeFeed changes, ApplicationEventPublisher events, CurrentUser currentUser,
			Clock clock) {
		this.orders = orders;
		this.catalogue = catalogue;
		this.patients = patients;
		this.access = access;
		this.audit = audit;
		this.changes = changes;
		this.events = events;
		this.currentUser = currentUser;
		this.clock = clock;
	}

	/**
	 * Places the order: one item per orderable (no orderable twice), one specimen per
	 * container the items need.
	 */
	@Transactional
	public LabOrder place(NewLabOrder request) {
		access.require(SERVICE_REQUEST, Interaction.CREATE, null, request.patient().asString());
		if (!patients.exists(request.patient())) {
			throw new PatientNotFoundException("No patient with id " + request.patient());
		}
		List<Orderable> orderables = orderables(request.orderables());
		String note = request.clinicalNote() == null || request.clinicalNote().isBlank() ? null
				: request.clinicalNote().strip();
		if (note != null && note.length() > 1000) {
			throw new InvalidInputException("A clinical note has at most 1000 characters");
		}
		Instant now = clock.instant();
		LabOrderId id = orders.insertWhole(request.patient(), request.priority(), currentUser.get().username(), note,
				orderables, now);
		LabOrder placed = orders.find(id, false).orElseThrow();
		String patient = request.patient().asString();
		List<AuditEntry> entries = new ArrayList<>();
		for (LabOrder.Item item : placed.items()) {
			entries.add(AuditEntry.success(AuditAction.CREATE, SERVICE_REQUEST, item.id().asString(), patient));
			changes.append(SERVICE_REQUEST, item.id().asString(), patient, ChangeOperation.CREATE);
		}
		audit.recordAll(entries);
		events.publishEvent(new LabOrderPlaced(id, request.patient()));
		return placed;
	}

	/**
	 * Cancels the given items of an order (all of them when none are named) with a
	 * reason; an item with a released result cannot be cancelled any more.
	 */
	@Transactional
	public LabOrder cancel(LabOrderId id, Collection<LabItemId> items, String reason,
			@Nullable Integer expectedVersion) {
		access.require(SERVICE_REQUEST, Interaction.UPDATE, id.asString(), null);
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("Cancelling an order needs a reason");
		}
		LabOrder order = orders.find(id, true).orElseThrow(() -> notFound(id));
		if (expectedVersion != null && expectedVersion != order.version()) {
			throw new VersionConflictException(
					"Laboratory order " + id + " is at version " + order.version() + ", not " + expectedVersion);
		}
		Set<LabItemId> chosen = new LinkedHashSet<>(items);
		if (chosen.isEmpty()) {
			order.items().stream().filter(i -> i.status() == OrderStatus.ACTIVE).forEach(i -> chosen.add(i.id()));
		}
		Instant now = clock.instant();
		List<LabItemId> revoked = new ArrayList<>();
		for (LabItemId itemId : chosen) {
			LabOrder.Item item = order.items()
				.stream()
				.filter(i -> i.id().equals(itemId))
				.findFirst()
				.orElseThrow(() -> new InvalidInputException("Item " + itemId + " is not part of order " + id));
			if (item.status() != OrderStatus.ACTIVE) {
				throw new ConflictException("Item " + item.placerNumber() + " is " + item.status().fhirCode()
						+ "; only an active item can be cancelled");
			}
			if (orders.hasReleasedResult(itemId)) {
				throw new ConflictException(
						"Item " + item.placerNumber() + " has a released result; it can no longer be cancelled");
			}
			orders.setItemStatus(itemId, OrderStatus.REVOKED, now);
			revoked.add(itemId);
		}
		if (revoked.isEmpty()) {
			throw new ConflictException("Laboratory order " + id + " has no active item to cancel");
		}
		LabOrder after = orders.find(id, false).orElseThrow();
		boolean anyActive = after.items().stream().anyMatch(i -> i.status() == OrderStatus.ACTIVE);
		boolean anyCompleted = after.items().stream().anyMatch(i -> i.status() == OrderStatus.COMPLETED);
		OrderStatus status = anyActive ? OrderStatus.ACTIVE
				: anyCompleted ? OrderStatus.COMPLETED : OrderStatus.REVOKED;
		orders.setOrderStatus(id, status, currentUser.get().username(), reason.strip(), now);
		String patient = order.patient().asString();
		List<AuditEntry> entries = new ArrayList<>();
		for (LabItemId item : revoked) {
			entries.add(AuditEntry.success(AuditAction.UPDATE, SERVICE_REQUEST, item.asString(), patient));
			changes.append(SERVICE_REQUEST, item.asString(), patient, ChangeOperation.UPDATE);
		}
		audit.recordAll(entries);
		events.publishEvent(new LabOrderCancelled(id, order.patient(), List.copyOf(revoked)));
		return orders.find(id, false).orElseThrow();
	}

	/** The order, audited as a read of each of its items. */
	@Transactional
	public LabOrder get(LabOrderId id) {
		access.require(SERVICE_REQUEST, Interaction.READ, id.asString(), null);
		LabOrder order = orders.find(id, false).orElseThrow(() -> notFound(id));
		auditReads(List.of(order));
		return order;
	}

	/** The order that an item (a ServiceRequest) belongs to, audited as a read of it. */
	@Transactional
	public LabOrder orderOfItem(LabItemId item) {
		access.require(SERVICE_REQUEST, Interaction.READ, item.asString(), null);
		LabOrderId id = orders.idOfItem(item)
			.orElseThrow(() -> new LabOrderNotFoundException("No laboratory order item with id " + item));
		LabOrder order = orders.find(id, false).orElseThrow();
		audit
			.record(AuditEntry.success(AuditAction.READ, SERVICE_REQUEST, item.asString(), order.patient().asString()));
		return order;
	}

	/**
	 * The order with an item of this placer number (ORC-2/OBR-2), as an interface finds
	 * it; audited as a read of that item.
	 */
	@Transactional
	public Optional<LabOrder> findByPlacerNumber(String placerNumber) {
		access.require(SERVICE_REQUEST, Interaction.READ, null, null);
		Optional<LabItemId> item = orders.itemOfPlacerNumber(placerNumber);
		if (item.isEmpty()) {
			return Optional.empty();
		}
		LabOrder order = orders.find(orders.idOfItem(item.get()).orElseThrow(), false).orElseThrow();
		audit.record(AuditEntry.success(AuditAction.READ, SERVICE_REQUEST, item.get().asString(),
				order.patient().asString()));
		return Optional.of(order);
	}

	/**
	 * The order a specimen (by accession number, SPM-2 or SAC-3) was drawn for, as an
	 * analyzer asks for it; audited as a read of its items.
	 */
	@Transactional
	public Optional<LabOrder> findByAccession(String accession) {
		access.require(SERVICE_REQUEST, Interaction.READ, null, null);
		Optional<LabOrder> order = orders.orderOfAccession(accession).flatMap(id -> orders.find(id, false));
		order.ifPresent(o -> auditReads(List.of(o)));
		return order;
	}

	/** The patient's orders, newest first, audited as a search for the patient. */
	@Transactional
	public List<LabOrder> forPatient(PatientId patient, int limit) {
		access.require(SERVICE_REQUEST, Interaction.SEARCH, null, patient.asString());
		List<LabOrder> found = orders.forPatient(patient, Math.max(1, Math.min(limit, 500)));
		audit.record(AuditEntry.success(AuditAction.SEARCH, SERVICE_REQUEST, null, patient.asString()));
		return found;
	}

	/**
	 * Active orders with a specimen waiting to be collected or received, most urgent
	 * first: the collection round and the reception desk. Audited per order shown;
	 * restricted records the caller may not open are left out.
	 */
	@Transactional
	public List<LabOrder> awaiting(List<SpecimenStatus> states, int limit) {
		access.require("Specimen", Interaction.SEARCH, null, null);
		java.util.Set<Long> hidden = access.hiddenPatients();
		List<LabOrder> found = orders.withSpecimensIn(states, Math.max(1, Math.min(limit, 500)))
			.stream()
			.filter(order -> !hidden.contains(order.patient().value()))
			.toList();
		auditReads(found);
		return found;
	}

	private void auditReads(List<LabOrder> found) {
		List<AuditEntry> entries = new ArrayList<>();
		for (LabOrder order : found) {
			for (LabOrder.Item item : order.items()) {
				entries.add(AuditEntry.success(AuditAction.READ, SERVICE_REQUEST, item.id().asString(),
						order.patient().asString()));
			}
		}
		audit.recordAll(entries);
	}

	private List<Orderable> orderables(List<String> codes) {
		if (codes.isEmpty()) {
			throw new InvalidInputException("An order names at least one test");
		}
		Set<String> seen = new LinkedHashSet<>();
		List<Orderable> found = new ArrayList<>();
		for (String code : codes) {
			if (!seen.add(code)) {
				throw new InvalidInputException("Test " + code + " is ordered twice");
			}
			found.add(catalogue.orderable(code)
				.orElseThrow(() -> new InvalidInputException("Unknown test code " + code + " (not in the catalogue)")));
		}
		return found;
	}

	static LabOrderNotFoundException notFound(LabOrderId id) {
		return new LabOrderNotFoundException("No laboratory order with id " + id);
	}

}
