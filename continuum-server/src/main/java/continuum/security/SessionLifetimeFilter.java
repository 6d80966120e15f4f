package continuum.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import continuum.audit.Actor;
import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a web session that has lasted {@link SecuritySettings#sessionMaxLifetime()} since
 * it began (the sign-in page; signing in changes its id, not its age), however active it
 * has been: the idle timeout alone would let a session in constant use (a ward's shared
 * computer) live for ever. Runs after the security filters, so the request that finds the
 * session too old is answered with the sign-in page (a page) or 401 (anything else) and
 * the session is gone for the next one. The end is audited as a LOGOUT that says why.
 */
@Component
class SessionLifetimeFilter extends OncePerRequestFilter {

	private final SecuritySettings settings;

	private final AuditService audit;

	private final Clock clock;

	SessionLifetimeFilter(SecuritySettings settings, AuditService audit, Clock clock) {
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		if (session == null || signedIn == null || signedIn instanceof AnonymousAuthenticationToken
				|| !expired(session.getCreationTime())) {
			chain.doFilter(request, response);
			return;
		}
		session.invalidate();
		SecurityContextHolder.clearContext();
		audit.recordAs(new Actor(signedIn.getName(), null, request.getRemoteAddr()), new AuditEntry(AuditAction.LOGOUT,
				"Session", null, null, AuditOutcome.SUCCESS, "session reached its maximum lifetime"));
		if ("GET".equals(request.getMethod()) && !request.getRequestURI().startsWith("/dicomweb/")) {
			response.sendRedirect(request.getContextPath() + "/login?expired");
		}
		else {
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
		}
	}

	private boolean expired(long createdMillis) {
		return !Instant.ofEpochMilli(createdMillis).plus(settings.sessionMaxLifetime()).isAfter(clock.instant());
	}

}
