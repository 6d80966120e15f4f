package continuum.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests that carry {@code Authorization: Bearer <token>} (RFC 6750).
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private final TokenService tokens;

	private final ApiAuthenticationEntryPoint entryPoint;

	BearerTokenFilter(TokenService tokens, ApiAuthenticationEntryPoint entryPoint) {
		this.tokens = tokens;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			var authentication = tokens.authenticate(header.substring(7).trim());
			if (authentication.isEmpty()) {
				entryPoint.reject(request, response, "invalid_token", "The access token is malformed or expired");
				return;
			}
			SecurityContextHolder.getContext().setAuthentication(authentication.get());
		}
		chain.doFilter(request, response);
	}

}
