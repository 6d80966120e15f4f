package continuum.security;

import java.io.IOException;

import continuum.audit.Actor;
import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests that carry {@code Authorization: Bearer <token>} (RFC 6750).
 * A refused token is audited as a denied TOKEN by {@code anonymous}: whom it claims to be
 * is not known to be true; once its source address has spent its
 * {@link UnauthenticatedLimit}, it is answered 429 and not audited.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private final TokenService tokens;

	private final ApiAuthenticationEntryPoint entryPoint;

	private final AuditService audit;

	BearerTokenFilter(TokenService tokens, ApiAuthenticationEntryPoint entryPoint, AuditService audit) {
		this.tokens = tokens;
		this.entryPoint = entryPoint;
		this.audit = audit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			var authentication = tokens.authenticate(header.substring(7).trim());
			if (authentication.isEmpty()) {
				if (entryPoint.refusedForLimit(request, response)) {
					return;
				}
				audit.recordAs(new Actor("anonymous", null, request.getRemoteAddr()),
						new AuditEntry(AuditAction.TOKEN, "Token", null, null, AuditOutcome.DENIED,
								"bearer token refused: malformed, forged or expired, or its account disabled or its "
										+ "password changed since"));
				entryPoint.reject(request, response, "invalid_token", "The access token is malformed or expired");
				return;
			}
			SecurityContextHolder.getContext().setAuthentication(authentication.get());
		}
		chain.doFilter(request, response);
	}

}
