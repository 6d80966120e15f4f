package continuum.imaging.pacs;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.imaging.ImagingStudyChanged;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Commits a received object's index rows in one transaction: patient, study (reconciled
 * or quarantined when it is new; quarantined when a later object contradicts it), series,
 * instance and the counters, with the audit entry of the store. The study row is locked
 * first, so ingests of one study serialize here and its counters stay exact.
 */
@Component
class InstanceIndexer {

	/** What the index now holds under the object's SOP Instance UID. */
	record Indexed(Outcome outcome, long studyId, Reconciliation.Status studyStatus, @Nullable String replacedPath,
			byte @Nullable [] heldSha256) {
	}

	enum Outcome {

		INSERTED, REPLACED, ALREADY_HELD

	}

	private final PacsIndexRepository index;

	private final QuarantineRepository quarantine;

	private final Reconciler reconciler;

	private final AuditService audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	InstanceIndexer(PacsIndexRepository index, QuarantineRepository quarantine, Reconciler reconciler,
			AuditService audit, Clock clock, ApplicationEventPublisher events) {
		this.index = index;
		this.quarantine = quarantine;
		this.reconciler = reconciler;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
	}

	@Transactional
	Indexed index(InstanceFiles.Received received, String filePath, String sourceAe, boolean replace) {
		Instant now = clock.instant();
		IndexedObject o = received.object();
		long pacsPatient = index.patient(o, now);
		PacsIndexRepository.StudyRow study = index.lockStudy(o.studyInstanceUid()).orElse(null);
		boolean announce = study == null;
		if (study == null) {
			Reconciliation r = reconciler.reconcile(o);
			study = index.insertStudy(o, pacsPatient, r, now);
			if (r.patientId() != null) {
				index.linkPatient(pacsPatient, r.patientId());
			}
			if (r.status() == Reconciliation.Status.QUARANTINED && study.status().equals("QUARANTINED")) {
				quarantine.open(study.id(), o.studyInstanceUid(), Objects.requireNonNull(r.reason()), r.details(), now);
			}
		}
		else if (study.status().equals("RECONCILED") && contradicts(study, pacsPatient, o)) {
			index.setStudyStatus(study.id(), Reconciliation.Status.QUARANTINED, now);
			quarantine.open(study.id(), o.studyInstanceUid(), QuarantineReason.INCONSISTENT_STUDY,
					"an object names another Patient ID or accession number than the study", now);
			study = index.lockStudy(o.studyInstanceUid()).orElseThrow();
			announce = true;
		}
		long series = index.series(o, study.id(), now);
		Optional<PacsIndexRepository.HeldInstance> held = index.instance(o.sopInstanceUid());
		Indexed result;
		if (held.isEmpty()) {
			boolean newSeries = index.seriesIsEmpty(series);
			if (index.insertInstance(received, series, filePath, sourceAe, now).isEmpty()) {
				var winner = index.instance(o.sopInstanceUid()).orElseThrow();
				return new Indexed(Outcome.ALREADY_HELD, winner.studyId(), status(study), null, winner.sha256());
			}
			index.countNewInstance(series, study.id(), o, newSeries, now);
			announce |= newSeries;
			result = new Indexed(Outcome.INSERTED, study.id(), status(study), null, null);
		}
		else if (!replace) {
			return new Indexed(Outcome.ALREADY_HELD, held.get().studyId(), status(study), null, held.get().sha256());
		}
		else {
			index.replaceInstance(held.get().id(), received, series, filePath, sourceAe, now);
			index.recount(held.get().seriesId(), held.get().studyId(), now);
			index.recount(series, study.id(), now);
			result = new Indexed(Outcome.REPLACED, study.id(), status(study), held.get().filePath(), null);
		}
		audit.record(new AuditEntry(held.isEmpty() ? AuditAction.CREATE : AuditAction.UPDATE, "ImagingStudy",
				String.valueOf(study.id()), study.patientId() == null ? null : String.valueOf(study.patientId()),
				continuum.audit.AuditOutcome.SUCCESS, "stored from DICOM AE " + sourceAe));
		if (announce) {
			// The change feed hears of a new study, a new series and a quarantine, not of
			// every instance (a CT study would be hundreds of entries).
			events.publishEvent(new ImagingStudyChanged(study.id()));
		}
		return result;
	}

	private boolean contradicts(PacsIndexRepository.StudyRow study, long pacsPatient, IndexedObject o) {
		return study.pacsPatientId() != pacsPatient || !Objects.equals(study.accessionNumber(), o.accessionNumber());
	}

	private static Reconciliation.Status status(PacsIndexRepository.StudyRow study) {
		return Reconciliation.Status.valueOf(study.status());
	}

}
