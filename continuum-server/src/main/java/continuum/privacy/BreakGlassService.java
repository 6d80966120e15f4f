package continuum.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.patients.PatientId;
import continuum.patients.PatientNotFoundException;
import continuum.patients.PatientService;
import continuum.platform.InvalidInputException;
import continuum.security.AccessControl;
import continuum.security.ActingUser;
import continuum.security.CurrentUser;
import continuum.security.Interaction;
import continuum.security.PatientAccess;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Breaking the glass: a user whose role reads patients, without a care relationship with
 * a restricted patient, gives a reason and their own words and gets the record for
 * {@link PrivacySettings#duration} (8 hours by default). Audited as the creation of a
 * {@code BreakTheGlass} (the reason's code and the end, never the words, which stay in
 * the privacy officer's queue); the reads under it are marked as emergency access in
 * their audit rows' detail, and each one waits for review ({@link PrivacyReviewService}).
 */
@Service
public class BreakGlassService {

	static final String TYPE = "BreakTheGlass";

	private final PrivacyRepository repository;

	private final PatientService patients;

	private final AccessControl access;

	private final CurrentUser currentUser;

	private final AuditService audit;

	private final PrivacySettings settings;

	private final Clock clock;

	BreakGlassService(PrivacyRepository repository, PatientService patients, AccessControl access,
			CurrentUser currentUser, AuditService audit, PrivacySettings settings, Clock clock) {
		this.repository = repository;
		this.patients = patients;
		this.access = access;
		this.currentUser = currentUser;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Opens the restricted record of {@code patient} to the caller until the setting's
	 * duration has passed. Refused when the caller's role does not read patients, when
	 * the record is not restricted (nothing to break) or already open to the caller.
	 */
	@Transactional
	public BreakGlass breakGlass(PatientId patient, BreakGlassReason reason, @Nullable String explanation) {
		String id = patient.asString();
		ActingUser user = currentUser.get();
		if (user.kind() != ActingUser.Kind.PERSON || user.role() == null
				|| !access.allows("Patient", Interaction.READ)) {
			audit.recordDenial(AuditEntry.denied(AuditAction.CREATE, TYPE, null, id,
					"break-the-glass: the role does not read patients"));
			throw new AccessDeniedException("Only staff whose role reads patients' records may break the glass");
		}
		String words = explanation == null ? "" : explanation.strip();
		if (words.length() < 5) {
			throw new InvalidInputException("Say in a few words why you need this record (at least 5 characters)");
		}
		if (words.length() > 500) {
			throw new InvalidInputException("The explanation is at most 500 characters");
		}
		if (!patients.exists(patient)) {
			throw new PatientNotFoundException("No patient " + id);
		}
		Optional<PatientAccess> current = access.patientAccess(id);
		if (current.isEmpty() || current.get().allowed()) {
			throw new InvalidInputException(
					"The record of patient " + id + " is open to you: no need to break the glass");
		}
		Instant start = clock.instant();
		Instant end = start.plus(settings.duration());
		long glass = repository.insertBreakGlass(patient.value(), user.username(), user.role().name(), reason, words,
				start, end);
		audit.record(new AuditEntry(AuditAction.CREATE, TYPE, Long.toString(glass), id, AuditOutcome.SUCCESS,
				"emergency access granted: reason " + reason.name() + ", until " + end));
		return new BreakGlass(glass, patient, user.username(), user.role().name(), reason, words, start, end, null,
				null);
	}

	/**
	 * The caller's break-the-glass in force on the patient, if the record is open to them
	 * only through it: for the banner on the patient's pages.
	 */
	@Transactional(readOnly = true)
	public Optional<BreakGlass> inForce(PatientId patient) {
		return access.patientAccess(patient.asString())
			.filter(a -> a.kind() == PatientAccess.Kind.EMERGENCY && a.breakGlassId() != null)
			.flatMap(a -> repository.breakGlass(a.breakGlassId()));
	}

	/** How long a broken glass opens a record (the page says so before it is broken). */
	public java.time.Duration duration() {
		return settings.duration();
	}

}
