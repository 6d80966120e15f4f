package continuum.security;

import continuum.audit.Actor;
import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
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
 * Counts failed logins ({@link SignInLimits}: towards the lockout from the account's
 * known addresses, towards the rate limits from any other), makes the address of a
 * success known to the account, and audits both, and every sign-out of the web UI.
 * Synchronous on purpose: the count must hold before the next attempt is checked, and the
 * audit row takes the address from the request being answered. The failure that locks the
 * account appends the lockout to the change feed in the same statement, so that downtime
 * nodes refuse the account as well.
 */
@Component
class LoginAuditor {

	private final SignInLimits limits;

	private final AuditService audit;

	private final SecondFactorService secondFactors;

	LoginAuditor(SignInLimits limits, AuditService audit, SecondFactorService secondFactors) {
		this.limits = limits;
		this.secondFactors = secondFactors;
		this.audit = audit;
	}

	@EventListener
	void on(AuthenticationSuccessEvent event) {
		String username = event.getAuthentication().getName();
		if (secondFactors.follows(username)) {
			// Not signed in yet: the count of failures stands, and the address is not
			// known to the account, until the second factor is given, so that wrong codes
			// cannot be reset by the password.
			audit.recordAs(new Actor(username, role(event.getAuthentication()), address()),
					new AuditEntry(AuditAction.LOGIN, "Session", null, null, AuditOutcome.SUCCESS,
							"password; second factor to follow"));
			return;
		}
		limits.succeeded(username, address());
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
			limits.failed(username, address());
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
