package continuum.security;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The access check every module's service makes before touching data: the caller's role
 * must allow the interaction on the resource type, and an API token's scopes must too. A
 * refusal is audited (in its own transaction, so it survives the rollback of the refused
 * request) and thrown as {@link AccessDeniedException}. With a patient id, the patient's
 * record must also be open to the caller: a restricted record needs a care relationship
 * or a break-the-glass in force ({@link PatientAccessPolicy}; refused with
 * {@link RestrictedRecordException}).
 */
@Component
public class AccessControl {

	/**
	 * The resource type of the audit row of a restricted patient shown in a result list
	 * by name and birth date only (no record opened): the rule for restricted records
	 * lets it through, so that a clinician can find the patient and break the glass.
	 */
	public static final String RESTRICTED_LISTING = "RestrictedListing";

	private final AuditService audit;

	private final CurrentUser currentUser;

	private final PatientGate patients;

	AccessControl(AuditService audit, CurrentUser currentUser, PatientGate patients) {
		this.audit = audit;
		this.currentUser = currentUser;
		this.patients = patients;
	}

	public void require(String resourceType, Interaction interaction, @Nullable String resourceId,
			@Nullable String patientId) {
		if (allows(resourceType, interaction)) {
			if (patientId != null) {
				patients.require(action(interaction), resourceType, resourceId, patientId);
			}
			return;
		}
		audit.recordDenial(AuditEntry.denied(action(interaction), resourceType, resourceId, patientId,
				"role or scope does not allow " + interaction.name().toLowerCase() + " on " + resourceType));
		throw new AccessDeniedException(
				"Not allowed to " + interaction.name().toLowerCase() + " " + resourceType + " in this role");
	}

	/**
	 * Whether the current caller may; internal callers outside any request (seeding,
	 * jobs) always may.
	 */
	public boolean allows(String resourceType, Interaction interaction) {
		return currentUser.allows(resourceType, interaction);
	}

	/**
	 * The restricted patients the caller may not open now (no care relationship, no
	 * break-the-glass in force), for searches to leave out; none for system accounts and
	 * the server's own work.
	 */
	public Set<Long> hiddenPatients() {
		return patients.hidden();
	}

	/**
	 * How the caller reaches the patient's record when it is restricted to them (a
	 * relationship, a break-the-glass in force, or not at all); empty when the record is
	 * not restricted or the rule does not bind the caller.
	 */
	public Optional<PatientAccess> patientAccess(String patientId) {
		return patients.access(patientId);
	}

	/** The role of the current caller, if any. */
	public @Nullable Role currentRole() {
		return currentUser.get().role();
	}

	private static AuditAction action(Interaction interaction) {
		return switch (interaction) {
			case CREATE -> AuditAction.CREATE;
			case READ -> AuditAction.READ;
			case UPDATE -> AuditAction.UPDATE;
			case DELETE -> AuditAction.DELETE;
			case SEARCH -> AuditAction.SEARCH;
		};
	}

}
