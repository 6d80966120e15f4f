package continuum.security;

import java.io.IOException;
import java.util.function.Supplier;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who reads the server's metrics ({@code /actuator/prometheus}): the roles that
 * {@link Role#readsMetrics}, signed in through the web or with a bearer token (a token's
 * scopes name resource types, which metrics are not). A signed-in caller refused there,
 * or anywhere else under {@code /actuator} but health, is audited as a denied READ of
 * {@code Metrics}, as a refused page is; a caller with no credentials gets the 401
 * challenge, unaudited like every request refused before it reaches the application.
 */
final class MetricsAccess implements AuthorizationManager<RequestAuthorizationContext>, AccessDeniedHandler {

	private final CurrentUser currentUser;

	private final AuditService audit;

	MetricsAccess(CurrentUser currentUser, AuditService audit) {
		this.currentUser = currentUser;
		this.audit = audit;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Role role = currentUser.get().role();
		return new AuthorizationDecision(role != null && role.readsMetrics());
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal)
			throws IOException {
		audit.recordDenial(AuditEntry.denied(AuditAction.READ, "Metrics", null, null,
				"the role does not read the server's metrics"));
		response.sendError(HttpServletResponse.SC_FORBIDDEN);
	}

}
