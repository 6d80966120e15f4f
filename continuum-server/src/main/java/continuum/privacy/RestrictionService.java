package continuum.privacy;

import java.time.Clock;
import java.util.Optional;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.patients.PatientId;
import continuum.patients.PatientNotFoundException;
import continuum.patients.PatientService;
import continuum.security.AccessControl;
import continuum.security.ActingUser;
import continuum.security.CurrentUser;
import continuum.security.Interaction;
import continuum.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Flags patients' records as restricted and lifts the flag: privacy officers and
 * physicians ({@link Role#restrictsRecords}); a physician must be able to open the record
 * (a restricted one through the care team or the glass); the server's own work (demo
 * seeding) may too. Every change is audited as a change of {@code PatientRestriction} and
 * goes to the change feed, so downtime nodes restrict the record too; a refusal is
 * audited.
 */
@Service
public class RestrictionService {

	static final String TYPE = "PatientRestriction";

	private final PrivacyRepository repository;

	private final PatientService patients;

	private final AccessControl access;

	private final CurrentUser currentUser;

	private final AuditService audit;

	private final ChangeFeed changes;

	private final Clock clock;

	RestrictionService(PrivacyRepository repository, PatientService patients, AccessControl access,
			CurrentUser currentUser, AuditService audit, ChangeFeed changes, Clock clock) {
		this.repository = repository;
		this.patients = patients;
		this.access = access;
		this.currentUser = currentUser;
		this.audit = audit;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * The patient's restriction, if any: for the chart's banner and the privacy pages.
	 * Not audited: the pages that show it audit their own reads.
	 */
	@Transactional(readOnly = true)
	public Optional<Restriction> of(PatientId patient) {
		return repository.restriction(patient.value());
	}

	/**
	 * The restrictions of these patients, for the downtime export (which carries each
	 * record's restriction to the nodes): ids and kinds only, not audited.
	 */
	@Transactional(readOnly = true)
	public java.util.Map<Long, RestrictionKind> kinds(java.util.Collection<Long> patients) {
		return patients.isEmpty() ? java.util.Map.of() : repository.restrictions(patients);
	}

	/** Whether the caller's role may restrict records (the chart's link). */
	public boolean mayRestrict() {
		Role role = currentUser.get().role();
		return role != null && role.restrictsRecords();
	}

	@Transactional
	public Restriction restrict(PatientId patient, RestrictionKind kind) {
		String id = requireMayChange(patient, AuditAction.UPDATE);
		ActingUser user = currentUser.get();
		Restriction restriction = new Restriction(patient, kind, user.username(), clock.instant());
		boolean existed = repository.restrict(patient.value(), kind, user.username(), restriction.setAt());
		audit.record(new AuditEntry(existed ? AuditAction.UPDATE : AuditAction.CREATE, TYPE, id, id,
				AuditOutcome.SUCCESS, "restricted: " + kind.name()));
		changes.append(TYPE, id, id, existed ? ChangeOperation.UPDATE : ChangeOperation.CREATE);
		// Downtime nodes fetch the patient again, with its restriction.
		changes.append("Patient", id, id, ChangeOperation.UPDATE);
		return restriction;
	}

	@Transactional
	public void lift(PatientId patient) {
		String id = requireMayChange(patient, AuditAction.DELETE);
		if (repository.lift(patient.value())) {
			audit.record(new AuditEntry(AuditAction.DELETE, TYPE, id, id, AuditOutcome.SUCCESS, "restriction lifted"));
			changes.append(TYPE, id, id, ChangeOperation.DELETE);
			changes.append("Patient", id, id, ChangeOperation.UPDATE);
		}
	}

	private String requireMayChange(PatientId patient, AuditAction action) {
		String id = patient.asString();
		ActingUser user = currentUser.get();
		Role role = user.role();
		boolean server = user.kind() == ActingUser.Kind.SYSTEM && role == null
				&& user.origin() == ActingUser.Origin.JOB;
		if (!server && (role == null || !role.restrictsRecords())) {
			audit.recordDenial(
					AuditEntry.denied(action, TYPE, id, id, "only privacy officers and physicians restrict records"));
			throw new AccessDeniedException("Only privacy officers and physicians restrict records");
		}
		if (role == Role.PHYSICIAN) {
			access.require("Patient", Interaction.UPDATE, id, id);
		}
		if (!patients.exists(patient)) {
			throw new PatientNotFoundException("No patient " + id);
		}
		return id;
	}

}
