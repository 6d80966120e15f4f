package continuum.continuity.node;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.security.CurrentUser;
import continuum.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The downtime API answers system accounts only (downtime nodes sign in as one): anyone
 * else is refused with a 403, and the refusal audited, before any parameter is read.
 */
@Component
class SystemCaller {

	private final CurrentUser currentUser;

	private final AuditService audit;

	SystemCaller(CurrentUser currentUser, AuditService audit) {
		this.currentUser = currentUser;
		this.audit = audit;
	}

	void require(AuditAction action, String what) {
		if (currentUser.get().role() != Role.SYSTEM) {
			audit.recordDenial(AuditEntry.denied(action, what, null, null, "the downtime API is for system accounts"));
			throw new AccessDeniedException("The downtime API is for system accounts only");
		}
	}

}
