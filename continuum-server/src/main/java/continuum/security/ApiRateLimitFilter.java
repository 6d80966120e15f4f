package continuum.security;

import java.io.IOException;
import java.time.Duration;

import continuum.audit.Actor;
import continuum.audit.AuditAction;
import continuum.security.RateLimiter.Limit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The {@code api-user} limit: every request of a signed-in user or token holder on
 * {@code /fhir}, {@code /api} and {@code /dicomweb} takes a token from that user's
 * bucket; an empty bucket answers 429. Placed after authentication, so that the key is a
 * user whose credentials were checked. The token endpoint has its own limits.
 */
class ApiRateLimitFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;

	ApiRateLimitFilter(RateLimiter limiter) {
		this.limiter = limiter;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		if (user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken)
				&& !request.getRequestURI().equals(request.getContextPath() + "/api/token")) {
			Duration wait = limiter.take(Limit.API_USER, user.getName());
			if (!wait.isZero()) {
				limiter.refused(Limit.API_USER, user.getName(),
						new Actor(user.getName(), null, request.getRemoteAddr()), AuditAction.TOKEN, wait);
				TooManyRequests.send(request, response, wait);
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
