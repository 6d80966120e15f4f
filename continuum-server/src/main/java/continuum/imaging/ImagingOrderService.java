package continuum.imaging;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import org.continuum.dicom.data.UidGenerator;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imaging orders (IHE SWF.b, the Order Filler's side): placing one creates, per ordered
 * procedure, a requested procedure with its Accession Number, Requested Procedure ID and
 * Study Instance UID, and one scheduled procedure step on the modality's station, booked
 * on the modality's schedule where it has one ({@link ModalityBooking}). Changing an
 * order not yet begun moves its steps (and their appointments); cancelling discontinues
 * the steps not yet performed and cancels their appointments. Every change is one
 * transaction with its audit rows and change-feed entries (one ServiceRequest per
 * requested procedure) and its event; every read is audited.
 */
@Service
public class ImagingOrderService {

	static final String SERVICE_REQUEST = "ServiceRequest";

	private final ImagingOrderRepository orders;

	private final ImagingCatalogue catalogue;

	private final ModalityBooking booking;

	private final PatientService patients;

	private final AccessControl access;

	private final AuditService audit;

	private final ChangeFeed changes;

	private final ApplicationEventPublisher events;

	private final CurrentUser currentUser;

	private final ImagingSettings settings;

	private final UidGenerator uids;

	private final Clock clock;

	ImagingOrderService(ImagingOrderRepository orders, ImagingCatalogue catalogue, ModalityBooking booking,
			PatientService patients, AccessControl access, AuditService audit, ChangeFeed changes,
			ApplicationEventPublisher events, CurrentUser currentUser, ImagingSettings settings, Clock clock) {
		this.orders = orders;
		this.catalogue = catalogue;
		this.booking = booking;
		this.patients = patients;
		this.access = access;
		this.audit = audit;
		this.changes = changes;
		this.events = events;
		this.currentUser = currentUser;
		this.settings = settings;
		this.uids = new UidGenerator(settings.uidRoot());
		this.clock = clock;
	}

	/**
	 * Places the order, all or nothing: an unknown procedure code or patient, a placer
	 * number already used by the same placer, or a wished time without a free slot leaves
	 * nothing behind.
	 */
	@Transactional
	public ImagingOrder place(NewImagingOrder request) {
		access.require(SERVICE_REQUEST, Interaction.CREATE, null, request.patient().asString());
		if (!patients.exists(request.patient())) {
			throw new PatientNotFoundException("No patient with id " + request.patient());
		}
		List<ImagingProcedure> procedures = new ArrayList<>();
		for (NewImagingOrder.Wish wish : request.procedures()) {
			procedures.add(catalogue.procedure(wish.code())
				.orElseThrow(() -> new InvalidInputException(
						"Unknown procedure code " + wish.code() + " (not in the imaging catalogue)")));
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String application = request.placerApplication() == null ? settings.placerApplication()
				: request.placerApplication();
		String number = request.placerNumber() == null ? "IO" + orders.nextPlacerNumber() : request.placerNumber();
		if (orders.placerNumberTaken(application, number)) {
			throw new ConflictException("Placer order number " + number + " of " + application + " is already used");
		}
		String orderer = request.orderer() == null ? currentUser.get().username() : request.orderer();
		String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
		ImagingOrderId id = orders.insertOrder(number, application, request.patient(), request.priority(), orderer,
				reason, now);
		List<String> accessions = new ArrayList<>();
		for (int i = 0; i < procedures.size(); i++) {
			ImagingProcedure procedure = procedures.get(i);
			Instant wished = request.procedures().get(i).start();
			if (wished != null && wished.isBefore(now.minus(1, ChronoUnit.HOURS))) {
				throw new InvalidInputException("Procedure " + procedure.code() + " cannot be scheduled in the past");
			}
			long value = orders.nextAccession();
			String accession = Long.toString(value);
			long rp = orders.insertProcedure(id, request.patient(), procedure.code(), accession, "RP" + value,
					uids.next(), now);
			Optional<ModalityBooking.Booking> booked = booking.book(request.patient(), procedure.modality(), wished,
					procedure.display() + " (accession " + accession + ")");
			Instant start = booked.map(ModalityBooking.Booking::start).orElse(wished == null ? now : wished);
			orders.insertStep(rp, request.patient(), "SPS" + value, procedure.modality(),
					settings.station(procedure.modality()), start, procedure.durationMinutes(),
					booked.map(ModalityBooking.Booking::appointment).orElse(null), now);
			accessions.add(accession);
		}
		ImagingOrder placed = orders.find(id, false).orElseThrow();
		record(placed, AuditAction.CREATE, ChangeOperation.CREATE, placed.procedures());
		events.publishEvent(new ImagingOrderPlaced(id, request.patient(), List.copyOf(accessions)));
		return placed;
	}

	/**
	 * Cancels (HL7 CA, or the chart) or discontinues (HL7 DC) the order: every procedure
	 * not yet started is cancelled, its step discontinued and its appointment cancelled.
	 * An order whose procedures have all begun cannot be cancelled.
	 */
	@Transactional
	public ImagingOrder cancel(ImagingOrderId id, String reason, @Nullable Integer expectedVersion) {
		access.require(SERVICE_REQUEST, Interaction.UPDATE, id.asString(), null);
		if (reason == null || reason.isBlank() || reason.length() > 500) {
			throw new InvalidInputException("Cancelling an imaging order needs a reason of 1 to 500 characters");
		}
		ImagingOrder order = orders.find(id, true).orElseThrow(() -> notFound(id));
		if (expectedVersion != null && expectedVersion != order.version()) {
			throw new VersionConflictException(
					"Imaging order " + id + " is at version " + order.version() + ", not " + expectedVersion);
		}
		if (order.status() != ImagingOrderStatus.ACTIVE) {
			throw new ConflictException(
					"Imaging order " + id + " is " + order.status().fhirCode() + "; only an active order is cancelled");
		}
		List<RequestedProcedure> cancelled = order.procedures()
			.stream()
			.filter(p -> p.status() == ProcedureStatus.SCHEDULED)
			.toList();
		if (cancelled.isEmpty()) {
			throw new ConflictException("Imaging order " + id + " has no procedure left that has not begun");
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		for (RequestedProcedure procedure : cancelled) {
			orders.setProcedureStatus(procedure.id(), ProcedureStatus.CANCELLED, now);
			for (ProcedureStep step : procedure.steps()) {
				orders.setStepStatus(step.id(), StepStatus.DISCONTINUED, null, now);
				if (step.appointmentId() != null) {
					booking.cancel(step.appointmentId(), "Imaging order cancelled: " + reason.strip());
				}
			}
		}
		ImagingOrder after = orders.find(id, false).orElseThrow();
		orders.setOrderStatus(id, statusOf(after), currentUser.get().username(), reason.strip(), now);
		record(order, AuditAction.UPDATE, ChangeOperation.UPDATE, cancelled);
		events.publishEvent(new ImagingOrderCancelled(id, order.patient(),
				cancelled.stream().map(RequestedProcedure::accessionNumber).toList()));
		return orders.find(id, false).orElseThrow();
	}

	/**
	 * Changes an order not yet begun (HL7 XO, or the order page): its priority and
	 * reason, and the start of its steps, moving a booked step's appointment through the
	 * scheduling module (at that time exactly, or a conflict naming the next free times,
	 * with nothing changed). Refused once any of its steps is in progress or done, or
	 * when the order is no longer active. A change that changes nothing writes nothing.
	 */
	@Transactional
	public ImagingOrder change(ImagingOrderId id, ImagingOrderChange change, @Nullable Integer expectedVersion) {
		access.require(SERVICE_REQUEST, Interaction.UPDATE, id.asString(), null);
		ImagingOrder order = orders.find(id, true).orElseThrow(() -> notFound(id));
		if (expectedVersion != null && expectedVersion != order.version()) {
			throw new VersionConflictException(
					"Imaging order " + id + " is at version " + order.version() + ", not " + expectedVersion);
		}
		if (order.status() != ImagingOrderStatus.ACTIVE) {
			throw new ConflictException(
					"Imaging order " + id + " is " + order.status().fhirCode() + "; only an active order is changed");
		}
		for (RequestedProcedure procedure : order.procedures()) {
			for (ProcedureStep step : procedure.steps()) {
				if (step.status() != StepStatus.SCHEDULED) {
					throw new ConflictException("Imaging order " + id + ": procedure step " + step.stepId() + " is "
							+ step.status().dicomTerm() + "; an order is changed only before its steps begin");
				}
			}
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant start = change.start() == null ? null : change.start().truncatedTo(ChronoUnit.MICROS);
		if (start != null && start.isBefore(now.minus(1, ChronoUnit.HOURS))) {
			throw new InvalidInputException("Imaging order " + id + " cannot be moved into the past");
		}
		ImagingPriority priority = change.priority() == null ? order.priority() : change.priority();
		String reason = change.reason() == null ? order.reason() : change.reason().strip();
		boolean changed = false;
		if (priority != order.priority() || !java.util.Objects.equals(reason, order.reason())) {
			orders.setPriorityAndReason(id, priority, reason, now);
			changed = true;
		}
		for (RequestedProcedure procedure : order.procedures()) {
			for (ProcedureStep step : procedure.steps()) {
				if (start == null || start.equals(step.start())) {
					continue;
				}
				Long appointment = step.appointmentId();
				Instant moved = start;
				if (appointment != null) {
					ModalityBooking.Booking booked = booking.reschedule(appointment, step.modality(), start,
							"Imaging order changed (accession " + procedure.accessionNumber() + ")");
					appointment = booked.appointment();
					moved = booked.start();
				}
				orders.setStepStart(step.id(), moved, appointment, now);
				changed = true;
			}
		}
		if (!changed) {
			return order;
		}
		ImagingOrder after = orders.find(id, false).orElseThrow();
		record(after, AuditAction.UPDATE, ChangeOperation.UPDATE, after.procedures());
		return after;
	}

	/** The order, audited as a read of each of its requested procedures. */
	@Transactional
	public ImagingOrder get(ImagingOrderId id) {
		access.require(SERVICE_REQUEST, Interaction.READ, id.asString(), null);
		ImagingOrder order = orders.find(id, false).orElseThrow(() -> notFound(id));
		auditReads(order);
		return order;
	}

	/**
	 * The order with a requested procedure of this Accession Number; audited as a read.
	 */
	@Transactional
	public Optional<ImagingOrder> findByAccession(String accession) {
		access.require(SERVICE_REQUEST, Interaction.READ, null, null);
		Optional<ImagingOrder> order = orders.orderOfAccession(accession).flatMap(id -> orders.find(id, false));
		order.ifPresent(this::auditReads);
		return order;
	}

	/** The order a placer application knows by its number (ORC-2); audited as a read. */
	@Transactional
	public Optional<ImagingOrder> findByPlacer(String application, String number) {
		access.require(SERVICE_REQUEST, Interaction.READ, null, null);
		Optional<ImagingOrder> order = orders.orderOfPlacer(application, number).flatMap(id -> orders.find(id, false));
		order.ifPresent(this::auditReads);
		return order;
	}

	/** The patient's orders, newest first, audited as a search for the patient. */
	@Transactional
	public List<ImagingOrder> forPatient(PatientId patient, int limit) {
		access.require(SERVICE_REQUEST, Interaction.SEARCH, null, patient.asString());
		List<ImagingOrder> found = orders.forPatient(patient, Math.max(1, Math.min(limit, 500)));
		audit.record(AuditEntry.success(AuditAction.SEARCH, SERVICE_REQUEST, null, patient.asString()));
		return found;
	}

	private void auditReads(ImagingOrder order) {
		audit.recordAll(order.procedures()
			.stream()
			.map(p -> AuditEntry.success(AuditAction.READ, SERVICE_REQUEST, p.serviceRequestId(),
					order.patient().asString()))
			.toList());
	}

	private void record(ImagingOrder order, AuditAction action, ChangeOperation operation,
			List<RequestedProcedure> procedures) {
		String patient = order.patient().asString();
		List<AuditEntry> entries = new ArrayList<>();
		for (RequestedProcedure procedure : procedures) {
			entries.add(AuditEntry.success(action, SERVICE_REQUEST, procedure.serviceRequestId(), patient));
			changes.append(SERVICE_REQUEST, procedure.serviceRequestId(), patient, operation);
		}
		audit.recordAll(entries);
	}

	/**
	 * An order is active while a procedure is still to be done or under way, completed
	 * once one was performed and none is left, revoked when none was performed.
	 */
	static ImagingOrderStatus statusOf(ImagingOrder order) {
		if (order.procedures().stream().anyMatch(p -> !p.status().ended())) {
			return ImagingOrderStatus.ACTIVE;
		}
		return order.procedures().stream().anyMatch(p -> p.status() == ProcedureStatus.COMPLETED)
				? ImagingOrderStatus.COMPLETED : ImagingOrderStatus.REVOKED;
	}

	static ImagingOrderNotFoundException notFound(ImagingOrderId id) {
		return new ImagingOrderNotFoundException("No imaging order with id " + id);
	}

}
