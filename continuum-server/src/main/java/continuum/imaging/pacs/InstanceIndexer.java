package continuum.imaging.pacs;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.audit.StatementAudit;
import continuum.imaging.ImagingStudyChanged;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Commits a received object's index rows in one transaction: patient, study (reconciled
 * or quarantined when it is new; quarantined when a later object contradicts it), series,
 * then instance, counters and the audit entry of the store in one last statement. Four
 * round trips in the common case. No row is locked before that last statement: the
 * upserts take no lock on rows that exist, and the counters are increments, exact under
 * concurrency because the series and study rows stay locked from that statement to the
 * commit (ingests of one series take turns only there, in the same order: series, then
 * study).
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
		PacsIndexRepository.StudyRow study = index.study(o.studyInstanceUid()).orElse(null);
		boolean announce = false;
		if (study == null) {
			Reconciliation r = reconciler.reconcile(o);
			study = index.insertStudy(o, pacsPatient, r, now).orElse(null);
			if (study == null) {
				// A concurrent ingest inserted it first (its insert waited for that
				// commit).
				study = index.study(o.studyInstanceUid()).orElseThrow();
			}
			else {
				announce = true;
				if (r.patientId() != null) {
					index.linkPatient(pacsPatient, r.patientId());
				}
				if (r.status() == Reconciliation.Status.QUARANTINED) {
					quarantine.open(study.id(), o.studyInstanceUid(), Objects.requireNonNull(r.reason()), r.details(),
							now);
				}
			}
		}
		long series = index.series(o, study.id(), now);
		if (study.status().equals("RECONCILED") && contradicts(study, pacsPatient, o)) {
			if (index.quarantineStudy(study.id(), series, now)) {
				quarantine.open(study.id(), o.studyInstanceUid(), QuarantineReason.INCONSISTENT_STUDY,
						"an object names another Patient ID or accession number than the study", now);
				announce = true;
			}
			study = index.study(o.studyInstanceUid()).orElseThrow();
		}
		StatementAudit created = audit.inStatement(entry(AuditAction.CREATE, study, sourceAe));
		var inserted = index.insertInstance(received, series, study.id(), filePath, sourceAe, now, created);
		Indexed result;
		if (inserted.inserted()) {
			announce |= inserted.firstOfSeries();
			result = new Indexed(Outcome.INSERTED, study.id(), status(study), null, null);
		}
		else {
			var held = index.instance(o.sopInstanceUid()).orElseThrow();
			if (!replace) {
				return new Indexed(Outcome.ALREADY_HELD, held.studyId(), status(study), null, held.sha256());
			}
			index.replaceInstance(held.id(), received, series, filePath, sourceAe, now);
			index.recount(held.seriesId(), held.studyId(), now);
			index.recount(series, study.id(), now);
			audit.record(entry(AuditAction.UPDATE, study, sourceAe));
			result = new Indexed(Outcome.REPLACED, study.id(), status(study), held.filePath(), null);
		}
		if (announce) {
			// The change feed hears of a new study, a new series and a quarantine, not of
			// every instance (a CT study would be hundreds of entries).
			events.publishEvent(new ImagingStudyChanged(study.id()));
		}
		return result;
	}

	private static AuditEntry entry(AuditAction action, PacsIndexRepository.StudyRow study, String sourceAe) {
		return new AuditEntry(action, "ImagingStudy", String.valueOf(study.id()),
				study.patientId() == null ? null : String.valueOf(study.patientId()),
				continuum.audit.AuditOutcome.SUCCESS, "stored from DICOM AE " + sourceAe);
	}

	private boolean contradicts(PacsIndexRepository.StudyRow study, long pacsPatient, IndexedObject o) {
		return study.pacsPatientId() != pacsPatient || !Objects.equals(study.accessionNumber(), o.accessionNumber());
	}

	private static Reconciliation.Status status(PacsIndexRepository.StudyRow study) {
		return Reconciliation.Status.valueOf(study.status());
	}

}
