package continuum.imaging.pacs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.imaging.ImagingStudyChanged;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import continuum.security.AccessControl;
import continuum.security.CurrentUser;
import continuum.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The PACS quarantine: studies whose objects did not match an order and a patient,
 * resolved by a radiographer, the IT team or an administrator
 * ({@link Role#resolvesImagingQuarantine()}). A study is assigned to a requested
 * procedure (and so its patient) or to a patient: its index row is linked and served from
 * then on, while its files and their indexed attributes stay as received (the override is
 * recorded in the quarantine entry, and the objects' SHA-256 still verifies them). Or it
 * is rejected: its rows and files are deleted. Every step is audited.
 */
@Service
public class QuarantineService {

	private static final Logger log = LoggerFactory.getLogger(QuarantineService.class);

	private final QuarantineRepository quarantine;

	private final PacsIndexRepository index;

	private final PatientService patients;

	private final InstanceFiles files;

	private final AccessControl access;

	private final CurrentUser currentUser;

	private final AuditService audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	QuarantineService(QuarantineRepository quarantine, PacsIndexRepository index, PatientService patients,
			InstanceFiles files, AccessControl access, CurrentUser currentUser, AuditService audit, Clock clock,
			ApplicationEventPublisher events) {
		this.events = events;
		this.quarantine = quarantine;
		this.index = index;
		this.patients = patients;
		this.files = files;
		this.access = access;
		this.currentUser = currentUser;
		this.audit = audit;
		this.clock = clock;
	}

	/** Whether the current user resolves the quarantine. */
	public boolean allowed() {
		Role role = access.currentRole();
		return role != null && role.resolvesImagingQuarantine();
	}

	/** The studies in quarantine, oldest first. */
	@Transactional
	public List<QuarantinedStudy> open() {
		require(AuditAction.SEARCH, null);
		audit.record(AuditEntry.success(AuditAction.SEARCH, "ImagingStudy", null, null));
		return quarantine.open();
	}

	/** Assigns the study to the requested procedure with this accession number. */
	@Transactional
	public void assignToOrder(long id, String accessionNumber, String note) {
		QuarantinedStudy entry = entry(id);
		long[] procedure = index.requestedProcedure(accessionNumber.strip())
			.orElseThrow(() -> new InvalidInputException("No requested procedure has this accession number"));
		link(entry, procedure[1], procedure[0]);
		close(entry, QuarantineResolution.ASSIGNED_ORDER, procedure[1], note);
	}

	/** Assigns the study to the patient with this MRN, without an order. */
	@Transactional
	public void assignToPatient(long id, String mrn, String note) {
		QuarantinedStudy entry = entry(id);
		PatientId patient = patients.idOfMrn(mrn)
			.orElseThrow(() -> new InvalidInputException("No patient has this MRN"));
		link(entry, patient.value(), null);
		close(entry, QuarantineResolution.ASSIGNED_PATIENT, patient.value(), note);
	}

	/** Rejects the study: its index rows go now, its files once that has committed. */
	@Transactional
	public void reject(long id, String note) {
		QuarantinedStudy entry = entry(id);
		close(entry, QuarantineResolution.REJECTED, null, note);
		index.deleteStudy(entry.studyId());
		Path folder = files.resolve(entry.studyInstanceUid());
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				deleteFolder(folder);
			}
		});
	}

	private QuarantinedStudy entry(long id) {
		require(AuditAction.UPDATE, id);
		return quarantine.openEntry(id).orElseThrow(() -> new NotFoundException("No open quarantine entry " + id));
	}

	private void link(QuarantinedStudy entry, long patientId, @org.jspecify.annotations.Nullable Long procedure) {
		index.reconcileStudy(entry.studyId(), patientId, procedure, clock.instant());
		events.publishEvent(new ImagingStudyChanged(entry.studyId()));
	}

	private void close(QuarantinedStudy entry, QuarantineResolution resolution,
			@org.jspecify.annotations.Nullable Long patientId, String note) {
		String text = note.strip();
		if (text.isEmpty() || text.length() > 500) {
			throw new InvalidInputException("Say why, in at most 500 characters");
		}
		quarantine.resolve(entry.id(), resolution, currentUser.get().username(), text, clock.instant());
		audit.record(new AuditEntry(
				resolution == QuarantineResolution.REJECTED ? AuditAction.DELETE : AuditAction.UPDATE, "ImagingStudy",
				String.valueOf(entry.studyId()), patientId == null ? null : String.valueOf(patientId),
				AuditOutcome.SUCCESS, "quarantine " + entry.id() + " resolved: " + resolution));
	}

	private void require(AuditAction action, @org.jspecify.annotations.Nullable Long id) {
		if (!allowed()) {
			audit.recordDenial(AuditEntry.denied(action, "ImagingStudy", null, null,
					"only radiographers, the IT team and administrators resolve the PACS quarantine"
							+ (id == null ? "" : " (entry " + id + ")")));
			throw new AccessDeniedException(
					"Only radiographers, the IT team and administrators resolve the quarantine");
		}
	}

	private static void deleteFolder(Path folder) {
		if (!Files.isDirectory(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			log.warn("Could not delete every file of the rejected study folder {}: {}", folder.getFileName(),
					ex.toString());
		}
	}

}
