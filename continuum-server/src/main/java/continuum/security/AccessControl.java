package continuum.security;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The access check every module's service makes before touching data: the caller's role
 * must allow the interaction on the resource type, and an API token's scopes must too. A
 * refusal is audited (in its own transaction, so it survives the rollback of the refused
 * request) and thrown as {@link AccessDeniedException}.
 */
@Component
public class AccessControl {

	private final AuditService audit;

	private final CurrentUser currentUser;

	AccessControl(AuditService audit, CurrentUser currentUser) {
		this.audit = audit;
		this.currentUser = currentUser;
	}

	public void require(String resourceType, Interaction interaction, @Nullable String resourceId,
			@Nullable String patientId) {
		if (allows(resourceType, interaction)) {
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
