package continuum.security;

import java.util.List;

import continuum.audit.Actor;
import continuum.audit.AuditEntry;
import continuum.audit.AuditAction;
import continuum.audit.AuditCaller;
import org.springframework.stereotype.Component;

/**
 * The acting user and their rights as the audit module asks for them (see
 * {@link AuditCaller} for why audit does not call {@link CurrentUser} itself).
 */
@Component
class SecurityAuditCaller implements AuditCaller {

	private final CurrentUser currentUser;

	private final PatientGate patients;

	SecurityAuditCaller(CurrentUser currentUser, PatientGate patients) {
		this.currentUser = currentUser;
		this.patients = patients;
	}

	@Override
	public List<AuditEntry> screen(List<AuditEntry> entries) {
		return patients.screen(entries);
	}

	@Override
	public Actor actor() {
		ActingUser user = currentUser.get();
		String role = user.role() != null ? user.role().name()
				: user.kind() == ActingUser.Kind.SYSTEM ? Role.SYSTEM.name() : null;
		return new Actor(user.username(), role, user.address());
	}

	@Override
	public boolean mayRead(AuditAction action) {
		Interaction interaction = action == AuditAction.READ ? Interaction.READ : Interaction.SEARCH;
		// A signed-in auditor only: the server's own work has no reason to read the log.
		return currentUser.get().signedIn() && currentUser.allows("AuditEvent", interaction);
	}

	@Override
	public boolean mayVerify() {
		Role role = currentUser.get().role();
		return role != null && role.verifiesAuditChain();
	}

}
