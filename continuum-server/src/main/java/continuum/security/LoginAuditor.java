package continuum.security;

import java.time.Clock;

import continuum.audit.Actor;
import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Counts failed logins towards the lockout, clears the count on success, and audits both,
 * and every sign-out of the web UI. Synchronous on purpose: the count must hold before
 * the next attempt is checked, and the audit row takes the address from the request being
 * answered. The failure that locks the account appends the lockout to the change feed in
 * the same statement, so that downtime nodes refuse the account as well.
 */
@Component
class LoginAuditor {

	private final StaffRepository staff;

	private final AuditService audit;

	private final SecuritySettings settings;

	private final Clock clock;

	private final ChangeFeed changes;

	LoginAuditor(StaffRepository staff, AuditService audit, SecuritySettings settings, Clock clock,
			ChangeFeed changes) {
		this.staff = staff;
		this.changes = changes;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	@EventListener
	void on(AuthenticationSuccessEvent event) {
		String username = event.getAuthentication().getName();
		staff.recordSuccess(username);
		audit.recordAs(new Actor(username, role(event.getAuthentication()), address()),
				new AuditEntry(AuditAction.LOGIN, "Session", null, null, AuditOutcome.SUCCESS, null));
	}

	@EventListener
	void on(LogoutSuccessEvent event) {
		audit.recordAs(new Actor(event.getAuthentication().getName(), role(event.getAuthentication()), address()),
				new AuditEntry(AuditAction.LOGOUT, "Session", null, null, AuditOutcome.SUCCESS, null));
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		String username = event.getAuthentication().getName();
		if (event instanceof AuthenticationFailureBadCredentialsEvent) {
			staff.recordFailure(username, settings.lockAfterFailures(), clock.instant().plus(settings.lockDuration()),
					changes.inStatement(StaffAccountService.STAFF_ACCOUNT, ChangeOperation.UPDATE));
		}
		audit.recordAs(new Actor(username.length() > 64 ? username.substring(0, 64) : username, null, address()),
				new AuditEntry(AuditAction.LOGIN, "Session", null, null, AuditOutcome.DENIED,
						event.getException().getClass().getSimpleName()));
	}

	private static @Nullable String role(Authentication authentication) {
		return authentication.getAuthorities()
			.stream()
			.map(a -> a.getAuthority())
			.filter(a -> a != null && a.startsWith("ROLE_"))
			.map(a -> a.substring(5))
			.findFirst()
			.orElse(null);
	}

	private static @Nullable String address() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest().getRemoteAddr();
		}
		return null;
	}

}
