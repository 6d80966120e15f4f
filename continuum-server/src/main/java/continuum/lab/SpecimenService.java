package continuum.lab;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.security.AccessControl;
import continuum.security.ActingUser;
import continuum.security.CurrentUser;
import continuum.security.Interaction;
import continuum.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Specimens from label to bench: collection at the bedside (who, when), receipt in the
 * laboratory, and rejection of an unfit one with a reason and a recollection asked for in
 * its place. Each step is one transaction with its audit row, change-feed entry and event
 * (which queues the HL7 specimen update to the middleware).
 */
@Service
public class SpecimenService {

	static final String SPECIMEN = "Specimen";

	private final OrderRepository orders;

	private final AccessControl access;

	private final AuditService audit;

	private final ChangeFeed changes;

	private final ApplicationEventPublisher events;

	private final CurrentUser currentUser;

	private final Clock clock;

	SpecimenService(OrderRepository orders, AccessControl access, AuditService audit, ChangeFeed changes,
			ApplicationEventPublisher events, CurrentUser currentUser, Clock clock) {
		this.orders = orders;
		this.access = access;
		this.audit = audit;
		this.changes = changes;
		this.events = events;
		this.currentUser = currentUser;
		this.clock = clock;
	}

	/** The specimen, audited as a read. */
	@Transactional
	public Specimen get(String accession) {
		access.require(SPECIMEN, Interaction.READ, accession, null);
		Specimen specimen = find(accession, false);
		audit.record(AuditEntry.success(AuditAction.READ, SPECIMEN, accession, specimen.patient().asString()));
		return specimen;
	}

	/**
	 * Records that the specimen was drawn by the signed-in user at {@code collectedAt}
	 * (now when null; never in the future).
	 */
	@Transactional
	public Specimen collect(String accession, @Nullable Instant collectedAt) {
		access.require(SPECIMEN, Interaction.UPDATE, accession, null);
		Specimen specimen = find(accession, true);
		if (specimen.status() != SpecimenStatus.ORDERED) {
			throw new ConflictException("Specimen " + accession + " is already "
					+ specimen.status().name().toLowerCase() + "; only an ordered specimen can be collected");
		}
		requireActiveOrder(specimen);
		Instant now = clock.instant();
		Instant at = collectedAt == null ? now : collectedAt;
		if (at.isAfter(now.plusSeconds(60))) {
			throw new InvalidInputException("A specimen cannot be collected in the future");
		}
		orders.collect(accession, currentUser.get().username(), at, now);
		recordChange(specimen);
		events.publishEvent(new SpecimenCollected(accession, specimen.order(), specimen.patient()));
		return find(accession, false);
	}

	/**
	 * Receives the specimen in the laboratory as the signed-in user. In acceptable
	 * condition it goes to the benches (its items get their filler numbers); otherwise it
	 * is rejected with the reason, and a recollection specimen is created for the same
	 * items, returned in its place.
	 */
	@Transactional
	public Specimen receive(String accession, SpecimenCondition condition, @Nullable String reason) {
		access.require(SPECIMEN, Interaction.UPDATE, accession, null);
		requireLaboratory(accession);
		Specimen specimen = find(accession, true);
		if (specimen.status() == SpecimenStatus.RECEIVED || specimen.status() == SpecimenStatus.REJECTED) {
			throw new ConflictException("Specimen " + accession + " was already "
					+ specimen.status().name().toLowerCase() + " at " + specimen.receivedAt());
		}
		requireActiveOrder(specimen);
		String why = reason == null || reason.isBlank() ? null : reason.strip();
		if (condition != SpecimenCondition.ACCEPTABLE && why == null) {
			why = condition.label();
		}
		if (why != null && why.length() > 500) {
			throw new InvalidInputException("A rejection reason has at most 500 characters");
		}
		Instant now = clock.instant();
		String by = currentUser.get().username();
		if (specimen.status() == SpecimenStatus.ORDERED) {
			// Drawn in the laboratory's own sampling room, or the collection was not
			// scanned.
			orders.collect(accession, by, now, now);
		}
		orders.receive(accession, by, condition, condition == SpecimenCondition.ACCEPTABLE ? null : why, now);
		recordChange(specimen);
		if (condition == SpecimenCondition.ACCEPTABLE) {
			orders.assignFillerNumbers(accession, now);
			orders.touchOrder(specimen.order(), now);
			events.publishEvent(new SpecimenReceived(accession, specimen.order(), specimen.patient()));
			return find(accession, false);
		}
		String recollection = orders.insertSpecimen(specimen.order(), specimen.patient(), specimen.specimenType(),
				specimen.container(), accession, specimen.items(), now);
		orders.touchOrder(specimen.order(), now);
		Specimen fresh = find(recollection, false);
		audit.record(AuditEntry.success(AuditAction.CREATE, SPECIMEN, recollection, specimen.patient().asString()));
		changes.append(SPECIMEN, recollection, specimen.patient().asString(), ChangeOperation.CREATE);
		events.publishEvent(new SpecimenRejected(accession, recollection, specimen.order(), specimen.patient()));
		return fresh;
	}

	/** The specimens of an order, audited as a read of each. */
	@Transactional
	public List<Specimen> ofOrder(LabOrderId order) {
		access.require(SPECIMEN, Interaction.SEARCH, null, null);
		List<Specimen> specimens = orders.find(order, false)
			.orElseThrow(() -> LabOrderService.notFound(order))
			.specimens();
		audit.recordAll(specimens.stream()
			.map(s -> AuditEntry.success(AuditAction.READ, SPECIMEN, s.accession(), s.patient().asString()))
			.toList());
		return specimens;
	}

	/**
	 * Receipt is the laboratory's (technologists, clinical biologists, or the server for
	 * an interface), though the ward's nurses may update a specimen to collect it.
	 */
	private void requireLaboratory(String accession) {
		ActingUser user = currentUser.get();
		Role role = user.role();
		if (role == null ? user.kind() == ActingUser.Kind.SYSTEM : role.verifiesLabResults()) {
			return;
		}
		audit.recordDenial(AuditEntry.denied(AuditAction.UPDATE, SPECIMEN, accession, null,
				"role may not receive specimens in the laboratory"));
		throw new AccessDeniedException("Only the laboratory receives specimens");
	}

	private void requireActiveOrder(Specimen specimen) {
		LabOrder order = orders.find(specimen.order(), false).orElseThrow();
		boolean live = specimen.items().stream().anyMatch(item -> order.item(item).status() == OrderStatus.ACTIVE);
		if (!live) {
			throw new ConflictException(
					"Specimen " + specimen.accession() + " belongs to cancelled or completed tests only");
		}
	}

	private void recordChange(Specimen specimen) {
		String patient = specimen.patient().asString();
		audit.record(AuditEntry.success(AuditAction.UPDATE, SPECIMEN, specimen.accession(), patient));
		changes.append(SPECIMEN, specimen.accession(), patient, ChangeOperation.UPDATE);
	}

	private Specimen find(String accession, boolean lock) {
		if (accession == null || !accession.matches("[0-9A-Za-z-]{1,16}")) {
			throw new LabOrderNotFoundException("No specimen with accession number " + accession);
		}
		return orders.specimen(accession, lock)
			.orElseThrow(() -> new LabOrderNotFoundException("No specimen with accession number " + accession));
	}

}
