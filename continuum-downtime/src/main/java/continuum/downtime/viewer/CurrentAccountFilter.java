package continuum.downtime.viewer;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session whose account the feed has since disabled, locked or given new
 * credentials: what the server decides reaches sessions already open on the node.
 */
class CurrentAccountFilter extends OncePerRequestFilter {

	private final StaffAccounts accounts;

	CurrentAccountFilter(StaffAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		boolean valid;
		try {
			valid = signedIn == null || !signedIn.isAuthenticated() || stillValid(signedIn);
		}
		catch (org.springframework.dao.DataAccessException storeRefused) {
			// The store cannot be read (a full disk): the page that says so, as
			// StoreRefusedAdvice.
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			return;
		}
		if (!valid) {
			SecurityContextHolder.clearContext();
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			response.sendRedirect(request.getContextPath() + "/login?expired");
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean stillValid(Authentication signedIn) {
		String version = signedIn.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(a -> a.startsWith("CREDENTIALS_"))
			.findFirst()
			.orElse(null);
		if (version == null) {
			return true;
		}
		return accounts.find(signedIn.getName())
			.filter(a -> a.enabled() && !a.locked() && version.equals("CREDENTIALS_" + a.credentialsVersion()))
			.isPresent();
	}

}
