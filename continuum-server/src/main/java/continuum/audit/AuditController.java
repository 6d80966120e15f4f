package continuum.audit;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/audit/verify}: the chain check for auditors and admins, as JSON. */
@RestController
class AuditController {

	private final AuditService audit;

	AuditController(AuditService audit) {
		this.audit = audit;
	}

	@PostMapping("/api/audit/verify")
	AuditVerification verify(Authentication authentication) {
		boolean allowed = authentication.getAuthorities()
			.stream()
			.anyMatch(a -> "ROLE_AUDITOR".equals(a.getAuthority()) || "ROLE_ADMIN".equals(a.getAuthority()));
		if (!allowed) {
			throw new AccessDeniedException("Only auditors and administrators may verify the audit log");
		}
		return audit.verify();
	}

}
