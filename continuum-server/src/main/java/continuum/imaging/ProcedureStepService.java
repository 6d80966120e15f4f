package continuum.imaging;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import continuum.platform.ConflictException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scheduled procedure steps as the modalities and radiographers see them: the worklist
 * (the Modality Worklist SCP and the worklist page ask the same query), and the step's
 * progress — started, completed, discontinued — from MPPS or by hand. A step's end ends
 * its requested procedure and, when it was the last, its order. Every list is audited as
 * a search of ServiceRequest per patient shown, every change as an update.
 */
@Service
public class ProcedureStepService {

	private final WorklistRepository worklist;

	private final ImagingOrderRepository orders;

	private final PatientService patients;

	private final AccessControl access;

	private final AuditService audit;

	private final ChangeFeed changes;

	private final ApplicationEventPublisher events;

	private final ImagingSettings settings;

	private final Clock clock;

	ProcedureStepService(WorklistRepository worklist, ImagingOrderRepository orders, PatientService patients,
			AccessControl access, AuditService audit, ChangeFeed changes, ApplicationEventPublisher events,
			ImagingSettings settings, Clock clock) {
		this.settings = settings;
		this.worklist = worklist;
		this.orders = orders;
		this.patients = patients;
		this.access = access;
		this.audit = audit;
		this.changes = changes;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The step states the Modality Worklist lists: scheduled ones, and those in progress
	 * when {@code continuum.imaging.worklist-includes-in-progress} (a modality that
	 * resumes a step after a restart finds it again).
	 */
	public Set<StepStatus> modalityWorklistStatuses() {
		return settings.worklistIncludesInProgress() ? EnumSet.of(StepStatus.SCHEDULED, StepStatus.IN_PROGRESS)
				: EnumSet.of(StepStatus.SCHEDULED);
	}

	/**
	 * The steps matching the query in start order, with their patients (read in one
	 * batch); at most {@code query.limit()}.
	 */
	@Transactional
	public List<WorklistEntry> worklist(WorklistQuery query) {
		access.require(ImagingOrderService.SERVICE_REQUEST, Interaction.SEARCH, null, null);
		Set<PatientId> only = null;
		if (query.mrn() != null) {
			only = patients.idOfMrn(query.mrn()).map(Set::of).orElse(Set.of());
			if (only.isEmpty()) {
				return List.of();
			}
		}
		// Names live in the patients module: with a name key, read more rows and match
		// here.
		int rows = query.patientName() == null ? query.limit() : Math.max(query.limit(), 5000);
		List<WorklistRepository.Row> found = worklist.find(query, only, rows);
		Set<PatientId> ids = new LinkedHashSet<>();
		found.forEach(row -> ids.add(row.patient()));
		Map<PatientId, PatientSummary> summaries = ids.isEmpty() ? Map.of() : patients.summaries(ids);
		List<WorklistEntry> entries = new ArrayList<>();
		for (WorklistRepository.Row row : found) {
			PatientSummary patient = summaries.get(row.patient());
			if (patient == null || (query.patientName() != null
					&& !PersonNames.matches(query.patientName(), patient.family(), patient.given()))) {
				continue;
			}
			entries.add(entry(row, patient));
			if (entries.size() == query.limit()) {
				break;
			}
		}
		audit.recordAll(entries.stream()
			.map(e -> e.patient().id())
			.distinct()
			.map(p -> new AuditEntry(AuditAction.SEARCH, ImagingOrderService.SERVICE_REQUEST, null, p.asString(),
					continuum.audit.AuditOutcome.SUCCESS, "worklist for " + query.caller()))
			.toList());
		return entries;
	}

	/**
	 * The step a modality performs, found as MPPS names it: by Scheduled Procedure Step
	 * ID, else by Accession Number, else by Study Instance UID (PS3.4 §F.7.2.1, the
	 * Scheduled Step Attributes Sequence); audited as a read.
	 */
	@Transactional
	public Optional<WorklistEntry> find(@Nullable String stepId, @Nullable String accession,
			@Nullable String studyInstanceUid) {
		access.require(ImagingOrderService.SERVICE_REQUEST, Interaction.READ, null, null);
		List<WorklistRepository.Row> found = List.of();
		if (stepId != null && !stepId.isBlank()) {
			found = worklist.find(new WorklistQuery(Set.of(), null, null, null, null, null, null, null, null, stepId,
					null, 2, "MPPS"), null, 2);
		}
		if (found.isEmpty() && accession != null && !accession.isBlank()) {
			found = worklist.find(new WorklistQuery(Set.of(), null, null, null, null, null, null, accession, null, null,
					null, 2, "MPPS"), null, 2);
		}
		if (found.isEmpty() && studyInstanceUid != null && !studyInstanceUid.isBlank()) {
			found = worklist.find(new WorklistQuery(Set.of(), null, null, null, null, null, null, null, null, null,
					studyInstanceUid, 2, "MPPS"), null, 2);
		}
		if (found.size() != 1) {
			return Optional.empty();
		}
		WorklistRepository.Row row = found.get(0);
		audit.record(AuditEntry.success(AuditAction.READ, ImagingOrderService.SERVICE_REQUEST,
				"img-" + row.procedureId(), row.patient().asString()));
		return Optional.of(entry(row, patients.summaries(Set.of(row.patient())).get(row.patient())));
	}

	/**
	 * The modality began the step (MPPS IN PROGRESS); {@code mppsUid} names the MPPS
	 * instance.
	 */
	@Transactional
	public void start(long step, @Nullable String mppsUid) {
		change(step, StepStatus.IN_PROGRESS, mppsUid);
	}

	/** The step was performed (MPPS COMPLETED). */
	@Transactional
	public void complete(long step) {
		change(step, StepStatus.COMPLETED, null);
	}

	/** The step was stopped before it was done (MPPS DISCONTINUED). */
	@Transactional
	public void discontinue(long step) {
		change(step, StepStatus.DISCONTINUED, null);
	}

	private void change(long stepId, StepStatus target, @Nullable String mppsUid) {
		access.require(ImagingOrderService.SERVICE_REQUEST, Interaction.UPDATE, null, null);
		ImagingOrderId orderId = orders.orderOfStep(stepId)
			.orElseThrow(() -> new ImagingOrderNotFoundException("No procedure step with id " + stepId));
		ImagingOrder order = orders.find(orderId, true).orElseThrow();
		RequestedProcedure procedure = order.procedures()
			.stream()
			.filter(p -> p.steps().stream().anyMatch(s -> s.id() == stepId))
			.findFirst()
			.orElseThrow();
		ProcedureStep step = procedure.steps().stream().filter(s -> s.id() == stepId).findFirst().orElseThrow();
		boolean allowed = target == StepStatus.IN_PROGRESS ? step.status() == StepStatus.SCHEDULED
				: step.status() == StepStatus.IN_PROGRESS
						|| (target == StepStatus.DISCONTINUED && step.status() == StepStatus.SCHEDULED);
		if (!allowed) {
			throw new ConflictException("Procedure step " + step.stepId() + " is " + step.status().dicomTerm()
					+ "; it cannot become " + target.dicomTerm());
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		orders.setStepStatus(stepId, target, mppsUid, now);
		ProcedureStatus procedureStatus = switch (target) {
			case IN_PROGRESS -> ProcedureStatus.IN_PROGRESS;
			case COMPLETED -> ProcedureStatus.COMPLETED;
			default -> ProcedureStatus.DISCONTINUED;
		};
		orders.setProcedureStatus(procedure.id(), procedureStatus, now);
		ImagingOrderStatus orderStatus = ImagingOrderService.statusOf(orders.find(orderId, false).orElseThrow());
		if (orderStatus != order.status()) {
			orders.setOrderStatus(orderId, orderStatus, null, null, now);
		}
		String patient = order.patient().asString();
		audit.record(AuditEntry.success(AuditAction.UPDATE, ImagingOrderService.SERVICE_REQUEST,
				procedure.serviceRequestId(), patient));
		changes.append(ImagingOrderService.SERVICE_REQUEST, procedure.serviceRequestId(), patient,
				ChangeOperation.UPDATE);
		Object event = switch (target) {
			case IN_PROGRESS -> new ProcedureStepStarted(stepId, procedure.accessionNumber(),
					procedure.studyInstanceUid(), order.patient());
			case COMPLETED -> new ProcedureStepCompleted(stepId, procedure.accessionNumber(),
					procedure.studyInstanceUid(), order.patient());
			default -> new ProcedureStepDiscontinued(stepId, procedure.accessionNumber(), procedure.studyInstanceUid(),
					order.patient());
		};
		events.publishEvent(event);
	}

	private static WorklistEntry entry(WorklistRepository.Row row, PatientSummary patient) {
		return new WorklistEntry(row.step(), row.procedureId(), row.procedure(), row.accession(), row.rpId(),
				row.studyUid(), row.procedureStatus(), row.order(), row.placerNumber(), row.priority(), row.orderedBy(),
				row.reason(), row.orderedAt(), patient);
	}

}
