package continuum.imaging;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Sequence;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.service.DimseException;
import org.continuum.dicom.net.service.MppsRequest;
import org.continuum.dicom.net.service.PerformedProcedureStepStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Modality Performed Procedure Steps (PS3.4 §F.7, IHE SWF.b RAD-6 and RAD-7) as the RIS
 * keeps them: each N-CREATE and N-SET is one transaction that stores the instance's
 * attributes and moves the scheduled step it performs. The step is found from the first
 * item of the Scheduled Step Attributes Sequence: by Scheduled Procedure Step ID, else
 * Accession Number, else Study Instance UID ({@link ProcedureStepService#find}). N-CREATE
 * IN PROGRESS starts it, N-SET COMPLETED or DISCONTINUED ends it (and with it the
 * requested procedure, and the order when nothing is left). An instance that names no
 * known step (an unscheduled procedure, PS3.4 §F.7.2.1: the modality performed what no
 * worklist item named, or the item is gone) is stored unlinked and changes no step; a
 * step already started by another instance, or ended, is left as it is and the instance
 * stored unlinked too, so that a modality is never refused for the RIS's bookkeeping.
 */
@Service
public class PerformedStepService {

	private static final Logger log = LoggerFactory.getLogger(PerformedStepService.class);

	private final PerformedStepRepository performed;

	private final ProcedureStepService steps;

	private final ImagingOrderRepository orders;

	private final Clock clock;

	PerformedStepService(PerformedStepRepository performed, ProcedureStepService steps, ImagingOrderRepository orders,
			Clock clock) {
		this.performed = performed;
		this.steps = steps;
		this.orders = orders;
		this.clock = clock;
	}

	/**
	 * Applies one N-CREATE or N-SET; the library's state rules
	 * ({@link MppsRequest#applyTo}) refuse what PS3.4 §F.7.2 forbids.
	 */
	@Transactional(rollbackFor = DimseException.class)
	public void apply(MppsRequest request) throws DimseException {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Optional<PerformedStepRepository.Stored> stored = performed.lock(request.sopInstanceUid());
		Attributes updated = request.applyTo(stored.map(PerformedStepRepository.Stored::attributes).orElse(null));
		PerformedProcedureStepStatus status = PerformedProcedureStepStatus
			.of(updated.getString(Tag.PerformedProcedureStepStatus));
		String term = status == null ? PerformedProcedureStepStatus.IN_PROGRESS.value() : status.value();
		if (request.operation() == CommandField.N_CREATE_RQ) {
			Long step = start(updated, request.sopInstanceUid());
			performed.insert(request.sopInstanceUid(), step, term, request.callingAeTitle(), updated, now);
			log.info("MPPS {} from {} created, step {}", request.sopInstanceUid(), request.callingAeTitle(),
					step == null ? "unscheduled" : step);
			return;
		}
		performed.update(request.sopInstanceUid(), term, updated, now);
		Long step = stored.get().step();
		// A step a radiographer ended by hand meanwhile stays as it is.
		if (step != null && status != null && status.isFinal()
				&& orders.stepStatus(step).orElse(null) == StepStatus.IN_PROGRESS) {
			if (status == PerformedProcedureStepStatus.COMPLETED) {
				steps.complete(step);
			}
			else {
				steps.discontinue(step);
			}
			log.info("MPPS {} from {} {}, step {}", request.sopInstanceUid(), request.callingAeTitle(), term, step);
		}
	}

	/** Starts the scheduled step the instance names; its id, or null if none. */
	private @Nullable Long start(Attributes created, String sopInstanceUid) {
		Sequence scheduled = created.getSequence(Tag.ScheduledStepAttributesSequence);
		if (scheduled == null || scheduled.isEmpty()) {
			return null;
		}
		Attributes item = scheduled.get(0);
		Optional<WorklistEntry> entry = steps.find(item.getString(Tag.ScheduledProcedureStepID),
				item.getString(Tag.AccessionNumber), item.getString(Tag.StudyInstanceUID));
		if (entry.isEmpty() || entry.get().step().status() != StepStatus.SCHEDULED) {
			return null;
		}
		steps.start(entry.get().step().id(), sopInstanceUid);
		return entry.get().step().id();
	}

}
