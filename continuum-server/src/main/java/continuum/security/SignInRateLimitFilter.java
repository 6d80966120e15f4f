package continuum.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a password attempt with 429 while its source address or, from an address the
 * account never signed in from, its account has spent its failures
 * ({@link SignInLimits}): in front of the sign-in form, the token endpoint and the
 * password change, so that a refused attempt never reaches the password check.
 */
class SignInRateLimitFilter extends OncePerRequestFilter {

	private static final Set<String> PATHS = Set.of("/login", "/api/token", "/account/password");

	private final SignInLimits limits;

	SignInRateLimitFilter(SignInLimits limits) {
		this.limits = limits;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !PATHS.contains(path(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Duration wait = limits.refusal(account(request), request.getRemoteAddr());
		if (!wait.isZero()) {
			TooManyRequests.send(request, response, wait);
			return;
		}
		chain.doFilter(request, response);
	}

	/** The account the password is for: the form's, or the signed-in user's own. */
	private static @Nullable String account(HttpServletRequest request) {
		if ("/account/password".equals(path(request))) {
			Authentication user = SecurityContextHolder.getContext().getAuthentication();
			return user == null ? null : user.getName();
		}
		String username = request.getParameter("username");
		return username == null || username.isBlank() ? null : username;
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
