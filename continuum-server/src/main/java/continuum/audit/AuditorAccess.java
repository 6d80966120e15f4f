package continuum.audit;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Only auditors read the audit log (the access table in docs/security.md: AuditEvent
 * {@code rs} for AUDITOR only); an API token must also carry an AuditEvent scope. Checked
 * here rather than through the security module, which itself writes to the audit log.
 */
final class AuditorAccess {

	private AuditorAccess() {
	}

	static void require(char interaction) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		boolean auditor = authentication != null && authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch("ROLE_AUDITOR"::equals);
		boolean token = auditor
				&& authentication.getAuthorities().stream().anyMatch(a -> "TOKEN".equals(a.getAuthority()));
		boolean scoped = !token || authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(a -> a != null && (a.startsWith("SCOPE_user/AuditEvent.") || a.startsWith("SCOPE_user/*.")))
			.anyMatch(a -> a.substring(a.lastIndexOf('.') + 1).indexOf(interaction) >= 0);
		if (!auditor || !scoped) {
			throw new AccessDeniedException("Only auditors may read the audit log");
		}
	}

}
